from django.apps import AppConfig


class InvestmentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "chitieu.investment"
    verbose_name = "Đầu tư công"
