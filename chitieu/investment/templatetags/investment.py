"""The growth link offered to pages of the apps below investment (the scenario page), which may
not import it: the page loads this tag instead."""

from __future__ import annotations

from django import template

from chitieu.investment import selectors

register = template.Library()


@register.inclusion_tag("investment/_construction_support.html")
def construction_support(year: int) -> dict[str, object]:
    """How far the year's disbursement supports the construction row of the adopted scenario."""
    month = selectors.latest_month(year)
    return {
        "year": year,
        "month": month,
        "link": selectors.growth_link(year=year, as_of_month=month) if month else None,
    }
