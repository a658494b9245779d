from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/luu/", views.confirm, name="confirm"),
    path("<int:pk>/doc-lai/", views.remap, name="remap"),
    path("<int:pk>/tien-do/", views.progress, name="progress"),
]
