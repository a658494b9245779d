from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "chitieu.reporting"
    verbose_name = "Báo cáo số liệu và đánh giá"
