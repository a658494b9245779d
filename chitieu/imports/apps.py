from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "chitieu.imports"
    verbose_name = "Nhập kế hoạch từ văn bản"
