from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "chitieu.actions"
    verbose_name = "Nhiệm vụ và lịch báo cáo"
