import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from search import elastic, indexing
from search.models import SearchDocument


class Command(BaseCommand):
    help = "未送信の検索文書をElasticsearchへ送ります（失敗した文書は間隔をあけて再送します）。"

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="待機中の文書も直ちに再送する")
        parser.add_argument("--watch", type=float, default=0, help="この秒数ごとに送り続ける（0: 一度だけ）")
        parser.add_argument("--retries", type=int, default=5, help="一度の実行で接続を試みる回数")

    def handle(self, *args, now=False, watch=0, retries=5, **options):
        if not elastic.configured():
            raise CommandError("ELASTICSEARCH_URL が設定されていません。")
        while True:
            if now:
                indexing.retry_now()
            self.sync(retries)
            if not watch:
                break
            time.sleep(watch)
        pending = SearchDocument.objects.filter(pending=True)
        remaining = pending.count()
        if remaining:
            waiting = pending.filter(next_attempt_at__gt=timezone.now()).count()
            hint = f"（うち{waiting}件は再送の待機中です。--now で直ちに再送します）" if waiting else ""
            raise CommandError(f"未送信の文書が{remaining}件残っています{hint}。")

    def sync(self, retries):
        delay = 1.0
        for attempt in range(1, retries + 1):
            try:
                while True:
                    pushed, failed = indexing.push_pending()
                    if pushed:
                        self.stdout.write(f"送信 {pushed}件" + (f"、拒否 {failed}件" if failed else ""))
                    if not pushed:
                        return
            except Exception as error:
                self.stderr.write(f"接続できません（{attempt}/{retries}回目）: {error}")
                if attempt < retries:
                    time.sleep(delay)
                    delay = min(delay * 2, 30)
                    indexing.retry_now()
