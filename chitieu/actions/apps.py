from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "chitieu.actions"
    verbose_name = "Nhiệm vụ và lịch báo cáo"

    def ready(self) -> None:
        from chitieu.reporting.selectors import CALENDAR_PROVIDERS, SCORECARD_CONTRIBUTORS

        from .selectors import obligations_on_scorecard, reporting_calendar

        if obligations_on_scorecard not in SCORECARD_CONTRIBUTORS:
            SCORECARD_CONTRIBUTORS.append(obligations_on_scorecard)
        if reporting_calendar not in CALENDAR_PROVIDERS:
            CALENDAR_PROVIDERS.append(reporting_calendar)
