"""What every v1 view shares: pagination, strict filters, the error shape."""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from .errors import exception_handler, shape

# parameters every list understands besides its filters
COMMON_PARAMS = {"page", "page_size", "format"}


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def refuse_unknown(request: Request, allowed: set[str]) -> None:
    """A parameter the list does not know is refused (400), never ignored to return everything."""
    unknown = sorted(set(request.query_params) - allowed - COMMON_PARAMS)
    if unknown:
        known = ", ".join(sorted(allowed)) or "không có"
        raise ValidationError(
            {
                unknown[
                    0
                ]: f"Tham số “{unknown[0][:40]}” không được hỗ trợ ở đây; các bộ lọc: {known}."
            }
        )


class StrictFilterBackend(DjangoFilterBackend):
    def get_filterset(self, request: Request, queryset: Any, view: Any) -> Any:
        fs = self.get_filterset_class(view, queryset)
        refuse_unknown(request, set(fs.base_filters) if fs else set())
        return super().get_filterset(request, queryset, view)


class V1:
    """Mixed into every v1 view (before the DRF base class)."""

    pagination_class = Pages
    filter_backends = [StrictFilterBackend]
    lookup_value_regex = "[0-9]{1,15}"

    def get_exception_handler(self) -> Any:
        return exception_handler

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # errors a view answers itself (the revision conflict) get the same shape
        if isinstance(response, Response) and response.status_code >= 400:
            response.data = shape(response.data)
        return super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
