from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "docx|xlsx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

app_name = "exports"
urlpatterns = [
    path("ke-hoach/<int:pk>/phu-luc.<fmt:fmt>", views.appendix, name="appendix"),
    path("danh-gia.<fmt:fmt>", views.evaluation, name="evaluation"),
    path("kich-ban/<int:pk>.<fmt:fmt>", views.scenario, name="scenario"),
    path("co-quan/<int:pk>/bang-diem.<fmt:fmt>", views.scorecard, name="scorecard"),
    path("bao-cao-thang.<fmt:fmt>", views.monthly, name="monthly"),
    path("so-lieu.sdmx.csv", views.figures_sdmx, name="figures_sdmx"),
    path("so-lieu.sdmx.xml", views.figures_sdmx_xml, name="figures_sdmx_xml"),
    path("so-lieu-cau-truc.xml", views.figures_structure, name="figures_structure"),
    path("so-lieu.csv", views.figures_csv, name="figures_csv"),
]
