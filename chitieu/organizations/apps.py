from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "chitieu.organizations"
    verbose_name = "Cơ quan, đơn vị"
