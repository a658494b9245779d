"""The 400 page says which parameter was wrong; other 4xx pages keep Django's handlers."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Our own BadRequest messages name the parameter; a SuspiciousOperation's text stays hidden."""
    message = str(exception) if type(exception) is BadRequest else ""
    body = loader.get_template("400.html").render({"message": message}, request)
    return HttpResponseBadRequest(body)
