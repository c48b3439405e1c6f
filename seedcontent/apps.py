from django.apps import AppConfig


class SeedcontentConfig(AppConfig):
    name = "seedcontent"
    verbose_name = "初期コンテンツ"
