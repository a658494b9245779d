"""Every API error is JSON with a ``message`` a person can read and the ``field`` it concerns
(null when it concerns the whole request), whatever raised it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from chitieu.reporting.services import FigureError


def _first_message(value: Any) -> str:
    if isinstance(value, list | tuple):
        return _first_message(value[0]) if value else ""
    if isinstance(value, dict):
        return _first_message(next(iter(value.values()))) if value else ""
    return str(value)


def shape(data: Any) -> dict[str, Any]:
    """DRF's error body ({"detail": …} or {field: [messages]}) as {message, field, errors}."""
    if isinstance(data, dict) and "message" in data and "field" in data:
        return data
    if isinstance(data, dict) and set(data) <= {"detail", "code"}:
        return {"message": str(data.get("detail", "")), "field": None}
    if isinstance(data, dict) and "detail" in data:
        out = {k: v for k, v in data.items() if k != "detail"}
        return {"message": str(data["detail"]), "field": None, **out}
    if isinstance(data, dict) and data:
        field = next(iter(data))
        name = None if field == "non_field_errors" else field
        return {"message": _first_message(data[field]), "field": name, "errors": data}
    if isinstance(data, list) and data:
        return {"message": _first_message(data), "field": None, "errors": data}
    return {"message": "Yêu cầu không hợp lệ.", "field": None}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        # what the services and Django raise for a request they refuse: the sender's error
        if isinstance(exc, DjangoValidationError):
            data: Any = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            response = Response(data, status=status.HTTP_400_BAD_REQUEST)
        elif isinstance(exc, BadRequest | FigureError):
            response = Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        else:
            return None
    response.data = shape(response.data)
    return response
