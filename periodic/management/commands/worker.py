import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from periodic.schedule import parse
from periodic.worker import Worker


class Command(BaseCommand):
    help = (
        "定期処理（予約公開、検索文書の送信など PERIODIC_JOBS の処理）を実行します。"
        "すべてのサーバーで起動して構いません。リースを持つ1台だけが実行し、止まると他の1台がリース時間内に引き継ぎます。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lease",
            type=float,
            default=settings.WORKER_LEASE_SECONDS,
            help="リースの秒数（この時間内に更新しないと他のワーカーが引き継ぐ）",
        )
        parser.add_argument("--once", action="store_true", help="リースを取れたら全処理を一度だけ実行して終わる")

    def handle(self, *args, lease, once=False, **options):
        if lease <= 0:
            raise CommandError("--lease は正の秒数で指定してください。")
        try:
            jobs = parse(settings.PERIODIC_JOBS)
        except ValueError as error:
            raise CommandError(str(error)) from error
        worker = Worker(jobs, lease)
        signal.signal(signal.SIGTERM, self.terminate)
        self.stdout.write(f"ワーカー {worker.holder} 起動（リース {lease:g}秒、処理 {len(jobs)}件）")
        # Renewed three times per lease, so one slow round never loses it.
        pause = lease / 3
        was_holding = False
        try:
            while True:
                for path, summary in worker.tick():
                    if summary:
                        self.stdout.write(f"{timezone.localtime():%H:%M:%S} {path}: {summary}")
                if worker.holding != was_holding:
                    was_holding = worker.holding
                    self.stdout.write(
                        f"{timezone.localtime():%H:%M:%S} "
                        + ("リースを取得しました" if was_holding else "待機中（他のワーカーがリースを保持）")
                    )
                if once:
                    break
                time.sleep(pause)
        except KeyboardInterrupt:
            pass
        finally:
            worker.stop()

    @staticmethod
    def terminate(*args):
        # Leaves through the finally above: the lease is handed over at once
        # (a job cut short rolls back; jobs are idempotent).
        raise KeyboardInterrupt
