from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = "相談窓口"
