from django.apps import AppConfig


class ScenariosConfig(AppConfig):
    name = "chitieu.scenarios"
    verbose_name = "Kịch bản tăng trưởng"
