"""The addresses of the header's links, reversed once per process: every page draws the same
fifteen links, and reversing them one by one was a tenth of a light page's time."""

from __future__ import annotations

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

LINKS = {
    "home": "web:home",
    "overview": "reporting:overview",
    "plans": "web:plans",
    "indicators": "web:indicators",
    "organizations": "web:organizations",
    "scenarios": "scenarios:list",
    "investment": "investment:overview",
    "crosscheck": "crosscheck:index",
    "mine": "reporting:mine",
    "review": "reporting:review",
    "actions": "actions:list",
    "calendar": "actions:calendar",
    "monthly": "actions:monthly",
    "imports": "imports:upload",
    "notices": "notices:list",
    "admin": "admin:index",
    "api": "v1-docs",
    "logout": "logout",
}

# keyed by what a reversed address depends on: the URL configuration and the script prefix
_reversed: dict[tuple[object, str], dict[str, str]] = {}


@register.simple_tag
def nav_links() -> dict[str, str]:
    """``{% nav_links as nav %}``, then ``{{ nav.plans }}``."""
    key = (get_urlconf(), get_script_prefix())
    found = _reversed.get(key)
    if found is None:
        found = _reversed[key] = {k: reverse(name) for k, name in LINKS.items()}
    return found
