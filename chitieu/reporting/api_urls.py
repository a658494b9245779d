from django.contrib.auth.decorators import login_not_required
from rest_framework.routers import SimpleRouter

from . import api

# a SimpleRouter: the API root page belongs to the catalog's router at the same prefix
router = SimpleRouter()
router.register("figures", api.FigureViewSet, basename="figure")
urlpatterns = router.urls
# Machines authenticate with a token, which the login middleware cannot see (see the catalog's).
for _pattern in urlpatterns:
    login_not_required(_pattern.callback)
