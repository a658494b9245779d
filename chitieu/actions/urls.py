from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("nhiem-vu/", views.action_list, name="list"),
    path("nhiem-vu/<int:pk>/", views.action_detail, name="detail"),
    path("nhiem-vu/<int:pk>/cap-nhat/", views.action_update, name="update"),
    path("lich-bao-cao/", views.calendar, name="calendar"),
    path("lich-bao-cao/<int:pk>/da-gui/", views.instance_submit, name="submit"),
    path("bao-cao-thang/", views.monthly, name="monthly"),
]
