from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "chitieu.actions"
    verbose_name = "Nhiệm vụ và lịch báo cáo"

    def ready(self) -> None:
        from chitieu.reporting.selectors import SCORECARD_CONTRIBUTORS

        from .selectors import obligations_on_scorecard

        if obligations_on_scorecard not in SCORECARD_CONTRIBUTORS:
            SCORECARD_CONTRIBUTORS.append(obligations_on_scorecard)
