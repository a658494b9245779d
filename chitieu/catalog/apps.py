from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "chitieu.catalog"
    verbose_name = "Danh mục chỉ tiêu và kế hoạch"
