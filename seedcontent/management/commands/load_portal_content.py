from django.core.management.base import BaseCommand

from seedcontent.loaders import load_all


class Command(BaseCommand):
    help = "資料に基づく分類・市区町村・支援策・事例などを読み込み、検索文書を整えます（何度実行しても同じ結果になります）。"

    def handle(self, *args, **options):
        for line in load_all().lines():
            self.stdout.write(line)
