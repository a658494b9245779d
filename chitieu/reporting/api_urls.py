from rest_framework.routers import SimpleRouter

from . import api

# a SimpleRouter: the API root page belongs to the catalog's router at the same prefix
router = SimpleRouter()
router.register("figures", api.FigureViewSet, basename="figure")
urlpatterns = router.urls
