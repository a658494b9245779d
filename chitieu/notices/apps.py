from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "chitieu.notices"
    verbose_name = "Thông báo trong ứng dụng"
