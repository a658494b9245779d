from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "chitieu.exports"
    verbose_name = "Xuất văn bản"
