from django.contrib.auth.decorators import login_not_required
from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("plans", api.PlanViewSet, basename="plan")
router.register("indicators", api.IndicatorViewSet, basename="indicator")
router.register("targets", api.TargetViewSet, basename="target")
router.register("organizations", api.OrganizationViewSet, basename="organization")
urlpatterns = router.urls
# Machines authenticate with a token, which the login middleware cannot see: DRF's own
# authentication and IsAuthenticated answer 401 instead of redirecting to the login page.
for _pattern in urlpatterns:
    login_not_required(_pattern.callback)
