from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "chitieu.access"
    verbose_name = "Người dùng và quyền"
