from django.apps import AppConfig


class ScenariosConfig(AppConfig):
    name = "chitieu.scenarios"
    verbose_name = "Kịch bản tăng trưởng"

    def ready(self) -> None:
        from chitieu.reporting.signals import figure_approved

        from .alerts import on_figure_approved

        figure_approved.connect(on_figure_approved, dispatch_uid="scenarios-behind")
