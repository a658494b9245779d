"""The header of every page: ``{% header_for user as header %}`` gives ``header.menu`` (which
working pages to offer) and ``header.unread`` (the bell's count), in one query."""

from __future__ import annotations

from typing import Any

from django import template

from chitieu.notices import selectors

register = template.Library()


@register.simple_tag
def header_for(user: Any) -> selectors.Header:
    return selectors.header_for(user)
