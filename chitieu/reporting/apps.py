from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "chitieu.reporting"
    verbose_name = "Báo cáo số liệu và đánh giá"

    def ready(self) -> None:
        # the stored evaluations follow every write of their inputs (docs/decisions/0036)
        from . import receivers  # noqa: F401
