from django.urls import path

from . import views

app_name = "crosscheck"
urlpatterns = [
    path("", views.index, name="index"),
    path("lien-ket/", views.links, name="links"),
    path("lien-ket/quyet-dinh/", views.link_decide, name="link_decide"),
    path("giai-trinh/", views.finding_explain_view, name="explain"),
    path("song-song/", views.side_by_side_view, name="side_by_side"),
    path("so-sanh/", views.plan_diff_view, name="diff"),
    path("so-sanh/sua-doi/", views.amendment_record, name="amendment_record"),
    path("so-sanh/bo-sua-doi/", views.amendment_remove, name="amendment_remove"),
]
