from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "chitieu.api"
    verbose_name = "API v1"
