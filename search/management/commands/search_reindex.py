from django.core.management.base import BaseCommand, CommandError

from search import elastic, indexing


class Command(BaseCommand):
    help = "検索文書を作り直し、新しいインデックスを構築してエイリアスを一度に切り替えます（検索は止まりません）。"

    def handle(self, *args, **options):
        count = indexing.rebuild_documents()
        self.stdout.write(f"検索文書 {count}件")
        if not elastic.configured():
            self.stdout.write("ELASTICSEARCH_URL が未設定のため、データベース検索のみ更新しました。")
            return
        try:
            self.reindex()
        except Exception as error:
            raise CommandError(
                f"Elasticsearch の再構築に失敗しました（検索はデータベースで継続します）: {error}"
            ) from error

    def reindex(self):
        name, written = indexing.reindex()
        self.stdout.write(
            f"インデックス {name} に {written}件を登録し、エイリアス {elastic.alias_name()} を切り替えました。"
        )
