from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("plans", views.PlanViewSet, basename="v1-plan")
router.register("indicators", views.IndicatorViewSet, basename="v1-indicator")
router.register("targets", views.TargetViewSet, basename="v1-target")
router.register("organizations", views.OrganizationViewSet, basename="v1-organization")
router.register("figures", views.FigureViewSet, basename="v1-figure")
router.register("evaluations", views.EvaluationViewSet, basename="v1-evaluation")
router.register("scenarios", views.ScenarioViewSet, basename="v1-scenario")
router.register("scenario-versions", views.VersionViewSet, basename="v1-version")
router.register("actions", views.ActionViewSet, basename="v1-action")
router.register("obligations", views.ObligationViewSet, basename="v1-obligation")

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="v1-schema"),
    # the documentation page is for people: a stranger is sent to sign in (DRF's views opt out
    # of the login middleware, so the decorator says it here)
    path(
        "docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="v1-schema")),
        name="v1-docs",
    ),
]
# Machines authenticate with a token, which the login middleware cannot see: DRF answers 401.
for _pattern in router.urls:
    login_not_required(_pattern.callback)
login_not_required(urlpatterns[-2].callback)
