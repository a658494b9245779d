from django.urls import path

from . import views

app_name = "investment"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("cham-tien-do/", views.holding_back, name="holding"),
    path("du-an/<int:pk>/", views.project_detail, name="project"),
    path("du-an/<int:pk>/giai-ngan/", views.disbursement_enter, name="enter"),
    path("du-an/<int:pk>/moc/", views.milestone_enter, name="milestone"),
    path("du-an/<int:pk>/cam-ket/", views.commitment_enter, name="commitment"),
    path("giai-ngan/<int:pk>/<slug:action>/", views.disbursement_step, name="step"),
    path("giao-ban/", views.meeting, name="meeting"),
    path("nhap-kho-bac/", views.treasury_import, name="import"),
    path("dieu-chuyen/", views.transfers, name="transfers"),
    path("he-so/", views.coefficients, name="coefficients"),
]
