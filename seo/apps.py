from django.apps import AppConfig


class SeoConfig(AppConfig):
    name = "seo"
    verbose_name = "検索エンジン向け情報"
