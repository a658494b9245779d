"""The overview's table of targets, one row per target, built in Python: a plan of three hundred
targets renders in about a millisecond here, against several in a template loop."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape  # what Django's escape does, without its lazy-string wrapper

from django import template
from django.utils.safestring import SafeString, mark_safe

from chitieu.reporting.choices import Status

register = template.Library()

LABELS = dict(Status.choices)
# a status's class and label, escaped once (the codes and labels are fixed)
_STATUS_HTML = {code: (escape(code), escape(label)) for code, label in LABELS.items()}
_SPECIAL = re.compile(r"[&<>\"']")
PROVISIONAL_TITLE = "Tạm tính, chưa phải số liệu đã duyệt"
AMENDED = '<br><span class="small amended">Mục tiêu đã được sửa đổi</span>'


def _esc(text: str) -> str:
    """``escape``, with the text itself when it holds nothing to escape (nearly every name and
    sentence: a search is cheaper than five replacements)."""
    return escape(text) if _SPECIAL.search(text) else text


@register.simple_tag
def overview_rows(rows: Iterable[object], links: dict[int, str]) -> SafeString:
    """``<tr>`` for each OverviewRow: the indicator's name linked to its page, the status (and
    the tạm tính beside it where verified figures change it), and the sentences."""
    out = []
    for r in rows:
        d = r.result  # type: ignore[attr-defined]
        p = d["p"]
        css, label = _STATUS_HTML[d["s"]]
        out.append(
            f'<tr><td><a href="{_esc(links.get(r.indicator_id, ""))}">'  # type: ignore[attr-defined]
            f"{_esc(r.name)}</a>"  # type: ignore[attr-defined]
            + (AMENDED if r.amended else "")  # type: ignore[attr-defined]
            + "</td>"
            f'<td><span class="st {css}">{label}</span>'
            + (
                f'<br><span class="st provisional" title="{PROVISIONAL_TITLE}">'
                f"Tạm tính: {_STATUS_HTML[p['s']][1]}</span>"
                if p
                else ""
            )
            + f"</td><td>{_esc(d['t'])}"
            + (f'<br><span class="provisional-note">Tạm tính: {_esc(p["t"])}</span>' if p else "")
            + "</td></tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@register.simple_tag
def status_bar(
    counts: object, statuses: Iterable[tuple[str, str]], link: str = "", current: str = ""
) -> SafeString:
    """How many targets have each status, in the order of ``statuses`` (code, label), those with
    none left out: what ``reporting/_status_bar.html`` shows, for pages that show dozens. With
    ``link`` (an address ending in ``trang-thai=``) each count is a link to the targets of that
    status; ``current`` is the status shown now."""
    get = counts.get if isinstance(counts, dict) else (lambda s, d: d)
    parts = []
    for s, label in statuses:
        n = get(s, "")
        if not n:
            continue
        text = f"{escape(label)}: {n}"
        if link:
            here = ' aria-current="true"' if s == current else ""
            parts.append(
                f'<a class="st {escape(s)}" href="{escape(link + s)}#tung-muc-tieu"{here} '
                f'title="Chỉ xem các mục tiêu {escape(label.lower())}">{text}</a>'
            )
        else:
            parts.append(f'<span class="st {escape(s)}" title="{escape(label)}">{text}</span>')
    # (the included template ended with a new line: kept, so the page is the same byte for byte)
    return mark_safe(f'<span class="bar">{"".join(parts)}</span>\n')  # noqa: S308 - escaped
