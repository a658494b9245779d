from django.apps import AppConfig


class CrosscheckConfig(AppConfig):
    name = "chitieu.crosscheck"
    verbose_name = "Đối chiếu văn bản"
