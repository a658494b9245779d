from django.urls import path

from . import views

app_name = "scenarios"
urlpatterns = [
    path("", views.scenario_list, name="list"),
    path("<int:pk>/", views.scenario_detail, name="detail"),
    path("<int:pk>/tinh/", views.scenario_compute, name="compute"),
    path("<int:pk>/luu/", views.scenario_save, name="save"),
    path("<int:pk>/sao-chep/", views.scenario_copy, name="copy"),
    path("<int:pk>/nguong/", views.scenario_thresholds, name="thresholds"),
    path(
        "<int:pk>/phien-ban/<int:number>/de-xuat/",
        views.scenario_status,
        {"action": "de-xuat"},
        name="propose",
    ),
    path(
        "<int:pk>/phien-ban/<int:number>/thong-qua/",
        views.scenario_status,
        {"action": "thong-qua"},
        name="adopt",
    ),
]
