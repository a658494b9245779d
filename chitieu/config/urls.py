"""Top-level URLs: the web pages, the API, the admin and login."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from chitieu.access.login import ThrottledLoginForm


@login_not_required
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and crawlers ask for /favicon.ico whatever the page says: send them to the SVG."""
    response = HttpResponseRedirect(static("favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


urlpatterns = [
    path("favicon.ico", favicon),
    path("", include("chitieu.web.urls")),
    path("", include("chitieu.reporting.urls")),
    path("", include("chitieu.actions.urls")),
    path("nhap-lieu/", include("chitieu.imports.urls")),
    path("kich-ban/", include("chitieu.scenarios.urls")),
    path("thong-bao/", include("chitieu.notices.urls")),
    path("dau-tu/", include("chitieu.investment.urls")),
    path("doi-chieu/", include("chitieu.crosscheck.urls")),
    path("xuat/", include("chitieu.exports.urls")),
    path("api/v1/", include("chitieu.api.urls")),
    path("api/", include("chitieu.catalog.api_urls")),
    path("api/", include("chitieu.reporting.api_urls")),
    path("api/", include("chitieu.investment.api_urls")),
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
