from django.core.management.base import BaseCommand

from alerts.sending import delete_stale, send_due_alerts


class Command(BaseCommand):
    help = "期限の来た新着メールを送信し、未確認の登録など古い記録を削除します（cronから数分ごとに実行）。"

    def handle(self, *args, **options):
        self.stdout.write(send_due_alerts())
        self.stdout.write(delete_stale())
