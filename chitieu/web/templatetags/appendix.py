"""A plan's appendix table, one ``<tr>`` per line, built in Python: a plan of a hundred rows with
two agency cells each cost about thirty milliseconds as a template loop (a variable lookup, a
filter and an address reversed per cell), a few here."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape  # what Django's escape does, without its lazy-string wrapper

from django import template
from django.utils.safestring import SafeString, mark_safe

from chitieu.catalog.models import Plan
from chitieu.catalog.selectors import AppendixLine
from chitieu.organizations.models import Organization
from chitieu.reporting.links import links

from .vn import describe, source_of

register = template.Library()


def _orgs(orgs: Iterable[Organization], org_link: dict[int, str]) -> str:
    out = []
    for o in orgs:
        css = "org" + (" group" if o.is_group else "") + ("" if o.active else " old")
        out.append(f'<a href="{org_link[o.pk]}" class="{css}">{escape(o.name)}</a>')
    return "; ".join(out)


@register.simple_tag
def appendix_rows(plan: Plan, lines: list[AppendixLine]) -> SafeString:
    """The appendix as printed: section headings, target rows linked to their indicator, the
    amendment that replaced a target, and agency cells merged down as on paper."""
    rows = [ln for ln in lines if ln.target is not None]
    ind_link = links("web:indicator", (ln.target.indicator_id for ln in rows))  # type: ignore[union-attr]
    org_link = links(
        "web:organization",
        (o.pk for ln in rows for o in [*(ln.leads or ()), *(ln.coordinating or ())]),
    )
    source = escape(source_of(plan))
    out = []
    for ln in lines:
        t = ln.target
        if t is None:
            out.append(
                f'<tr class="section"><td colspan="6">{escape(ln.section or "")}</td></tr>\n'
            )
            continue
        cells = [
            f'<tr id="dong-{t.position}" class="{"" if t.row_no else "sub"}">',
            f'<td class="tt">{escape(t.row_no)}</td>',
            f'<td><a href="{ind_link[t.indicator_id]}" title="Dòng {t.source_line} của {source}">'
            f"{escape(t.printed_name)}</a></td>",
            f"<td>{escape(t.printed_unit)}</td>",
            f'<td class="target" title="{escape(describe(t))}">{escape(t.printed_text)}',
        ]
        if t.superseded_by_id is not None:
            later = t.superseded_by
            assert later is not None
            cells.append(
                f'<div class="small amended">Đã sửa đổi tại {escape(str(later.plan))}: '
                f"{escape(later.printed_text)}</div>"
            )
        cells.append("</td>")
        if ln.lead_rows:
            cells.append(f'<td rowspan="{ln.lead_rows}">{_orgs(ln.leads or (), org_link)}</td>')
        if ln.coord_rows:
            unresolved = ""
            if t.unresolved_agencies:
                names = "; ".join(escape(str(n)) for n in t.unresolved_agencies)
                unresolved = f'<div class="unresolved">Chưa nhận ra: {names}</div>'
            cells.append(
                f'<td rowspan="{ln.coord_rows}">'
                f"{_orgs(ln.coordinating or (), org_link)}{unresolved}</td>"
            )
        cells.append("</tr>\n")
        out.append("".join(cells))
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
