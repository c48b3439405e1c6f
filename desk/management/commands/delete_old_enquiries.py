from django.core.management.base import BaseCommand

from desk.retention import delete_expired_enquiries


class Command(BaseCommand):
    help = "保存期間（DESK_RETENTION_DAYS）を過ぎた相談を削除します（cronから1日1回実行）。"

    def handle(self, *args, **options):
        self.stdout.write(delete_expired_enquiries())
