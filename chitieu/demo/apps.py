from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "chitieu.demo"
    verbose_name = "Dữ liệu mẫu"
