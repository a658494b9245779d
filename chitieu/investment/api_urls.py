from django.contrib.auth.decorators import login_not_required
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("investment/projects", api.ProjectViewSet, basename="investment-project")
router.register("investment/disbursements", api.DisbursementViewSet, basename="disbursement")
urlpatterns = router.urls
# Machines authenticate with a token, which the login middleware cannot see (as the other APIs).
for _pattern in urlpatterns:
    login_not_required(_pattern.callback)
