from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("plans", api.PlanViewSet, basename="plan")
router.register("indicators", api.IndicatorViewSet, basename="indicator")
router.register("targets", api.TargetViewSet, basename="target")
router.register("organizations", api.OrganizationViewSet, basename="organization")
urlpatterns = router.urls
