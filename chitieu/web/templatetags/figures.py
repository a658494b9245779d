"""The indicator page's table of figures, one row per figure, built in Python: a hundred and
twenty rows render in about a millisecond here, against several in a template loop."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape  # what Django's escape does, without its lazy-string wrapper

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from chitieu.reporting.choices import FigureStatus, Vintage

from .vn import ky, vnnum

register = template.Library()

VINTAGES = dict(Vintage.choices)
STATUSES = dict(FigureStatus.choices)


@register.simple_tag
def figure_rows(figures: Iterable[object], links: dict[int, str]) -> SafeString:
    """``<tr>`` for each figure: period, value linked to the figure's page, vintage, organisation,
    who entered it and when (local time), status, source."""
    out = []
    for f in figures:
        who = f.entered_by  # type: ignore[attr-defined]
        updated = f.updated_at  # type: ignore[attr-defined]
        when = timezone.localtime(updated).strftime("%d/%m/%Y %H:%M") if updated else ""
        out.append(
            f"<tr><td>{escape(ky(f.period_code))}</td>"  # type: ignore[attr-defined]
            f'<td class="num"><a href="{escape(links.get(f.pk, ""))}">'  # type: ignore[attr-defined]
            f"{escape(vnnum(f.value))}</a></td>"  # type: ignore[attr-defined]
            f"<td>{escape(VINTAGES.get(f.vintage, ''))}</td>"  # type: ignore[attr-defined]
            f"<td>{escape(f.organization.name)}</td>"  # type: ignore[attr-defined]
            f"<td>{escape(str(who)) if who else '—'} · {when}</td>"
            f"<td>{escape(STATUSES.get(f.status, ''))}</td>"  # type: ignore[attr-defined]
            f'<td class="muted">{escape(f.source)}</td></tr>\n'  # type: ignore[attr-defined]
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
