"""Top-level URLs: the web pages, the API, the admin and login."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from chitieu.access.login import ThrottledLoginForm

urlpatterns = [
    path("", include("chitieu.web.urls")),
    path("", include("chitieu.reporting.urls")),
    path("", include("chitieu.actions.urls")),
    path("nhap-lieu/", include("chitieu.imports.urls")),
    path("kich-ban/", include("chitieu.scenarios.urls")),
    path("xuat/", include("chitieu.exports.urls")),
    path("api/v1/", include("chitieu.api.urls")),
    path("api/", include("chitieu.catalog.api_urls")),
    path("api/", include("chitieu.reporting.api_urls")),
    # DRF answers for itself (401 without a session or a token), so the login redirect stays away
    path("api/schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path("quan-tri/", admin.site.urls),
    path(
        "dang-nhap/",
        login_not_required(
            auth_views.LoginView.as_view(
                template_name="login.html", authentication_form=ThrottledLoginForm
            )
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
]

handler400 = "chitieu.config.errors.bad_request"
