from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "chitieu.web"
    verbose_name = "Giao diện"
