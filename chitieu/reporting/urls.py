from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("so-lieu/", views.my_figures, name="mine"),
    path("so-lieu/luu/", views.figure_save_view, name="save"),
    path("so-lieu/<int:pk>/", views.figure_detail, name="figure"),
    path("so-lieu/<int:pk>/<str:action>/", views.figure_action, name="action"),
    path("so-lieu/kiem-tra/", views.review, name="review"),
    path("so-lieu/kiem-tra/cung-luc/", views.review_together, name="review_together"),
    path("so-lieu/mau.xlsx", views.template_download, name="template"),
    path("so-lieu/tai-len/", views.template_upload, name="upload"),
    path("so-lieu/tai-len/<int:pk>/", views.upload_result, name="upload_result"),
    path("danh-gia/", views.dashboard, name="overview"),
    path("danh-gia/co-quan/<int:pk>/", views.agency, name="agency"),
]
