import sys

from django.core.management.base import BaseCommand

from search import elastic
from search.models import SearchDocument


class Command(BaseCommand):
    help = "検索エンジンの状態、インデックス、文書数、未送信件数を表示します。一致しないときは終了コード1を返します。"

    def handle(self, *args, **options):
        in_database = SearchDocument.objects.filter(is_deleted=False).count()
        pending = SearchDocument.objects.filter(pending=True).count()
        self.stdout.write(f"データベースの検索文書: {in_database}件（未送信 {pending}件）")
        if not elastic.configured():
            self.stdout.write("Elasticsearch: 未設定（データベース検索で動作中）")
            return
        try:
            es = elastic.client()
            health = es.cluster.health()["status"]
            indexes = elastic.indexes_behind_alias()
            in_engine = es.count(index=elastic.alias_name())["count"] if indexes else 0
        except Exception as error:
            self.stdout.write(f"Elasticsearch: 接続できません（{error}）")
            sys.exit(1)
        self.stdout.write(f"Elasticsearch: {health}")
        self.stdout.write(f"エイリアス: {elastic.alias_name()} → {', '.join(indexes) or '（なし）'}")
        self.stdout.write(f"Elasticsearchの文書: {in_engine}件")
        if in_engine != in_database or pending:
            self.stdout.write("不一致があります。manage.py search_sync を実行してください。")
            sys.exit(1)
        self.stdout.write("一致しています。")
