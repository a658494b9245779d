from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "chitieu.audit"
    verbose_name = "Nhật ký thay đổi"
