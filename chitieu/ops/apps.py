from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "chitieu.ops"
    verbose_name = "Vận hành (sao lưu, phục hồi)"
