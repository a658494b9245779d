"""The catalog's two long lists (indicators, organisations), one ``<tr>`` per item built in
Python: as template loops they cost a reversed address and a dozen lookups per row, about half of
each page's time for a province's few hundred rows."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape  # what Django's escape does, without its lazy-string wrapper

from django import template
from django.utils.safestring import SafeString, mark_safe

from chitieu.catalog.choices import Direction
from chitieu.catalog.models import Indicator
from chitieu.organizations.choices import OrgKind
from chitieu.organizations.models import Organization
from chitieu.reporting.links import links

register = template.Library()

DIRECTIONS = {k: escape(str(v)) for k, v in Direction.choices}
KINDS = {k: escape(str(v)) for k, v in OrgKind.choices}


@register.simple_tag
def indicator_rows(indicators: Iterable[Indicator]) -> SafeString:
    """Name linked to the indicator's page (and the indicator it belongs to), unit, which way is
    better, and in how many plans it appears."""
    items = list(indicators)
    link = links("web:indicator", (i.pk for i in items))
    out = []
    for i in items:
        parent = (
            f'<br><span class="muted">thuộc: {escape(i.parent.name)}</span>'
            if i.parent_id is not None and i.parent is not None
            else ""
        )
        direction = DIRECTIONS.get(i.direction, escape(i.direction))
        out.append(
            f'<tr><td><a href="{link[i.pk]}">{escape(i.name)}</a>{parent}</td>'
            f"<td>{escape(i.unit)}</td><td>{direction}</td>"
            f'<td class="num">{i.plan_count}</td></tr>\n'  # type: ignore[attr-defined]
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@register.simple_tag
def organization_rows(organizations: Iterable[Organization]) -> SafeString:
    """Name linked to the organisation's page, kind, whether it still exists (and what replaced
    it), and how many responsibilities it has."""
    items = list(organizations)
    link = links("web:organization", (o.pk for o in items))
    out = []
    for o in items:
        if o.active:
            state = "Đang hoạt động"
        else:
            after = o.successor
            state = "Đã sắp xếp lại" + (f" → {escape(after.name)}" if after is not None else "")
        kind = KINDS.get(o.kind, escape(o.kind))
        out.append(
            f'<tr><td><a href="{link[o.pk]}">{escape(o.name)}</a></td><td>{kind}</td>\n'
            f"<td>{state}</td>\n"
            f'<td class="num">{o.responsibility_count}</td></tr>\n'  # type: ignore[attr-defined]
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
