from django.core.management.base import BaseCommand
from django.db import transaction

from search.indexing import rebuild_documents
from seedcontent.loaders import load_all


class Command(BaseCommand):
    help = "資料に基づく分類・市区町村・支援策・事例などを読み込み、検索文書を整えます（何度実行しても同じ結果になります）。"

    def handle(self, *args, **options):
        with transaction.atomic():
            report = load_all()
            documents = rebuild_documents()
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"検索文書: {documents}件")
