from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/", views.plans, name="plans"),
    path("ke-hoach/<int:pk>/", views.plan, name="plan"),
    path("ke-hoach/<int:pk>/co-quan/", views.plan_agency, name="plan_agency"),
    path("chi-tieu/", views.indicators, name="indicators"),
    path("chi-tieu/<int:pk>/", views.indicator, name="indicator"),
    path("co-quan/", views.organizations, name="organizations"),
    path("co-quan/<int:pk>/", views.organization, name="organization"),
]
