from django.core.management.base import BaseCommand

from seedcontent.loader import load_all


class Command(BaseCommand):
    help = "資料に基づく分類・市区町村・支援策・事例を読み込みます（何度実行しても同じ結果になります）。"

    def handle(self, *args, **options):
        report = load_all()
        for line in report.lines():
            self.stdout.write(line)
