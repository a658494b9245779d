"""The rows of the reporter's entry page ("Số liệu của tôi"), built in Python.

The page is a table of sixty or more rows, each with a form of a dozen fields: written as an
included template it cost about 1,5 ms a row (some 90 ms a page, the most requested page of
all); built here it costs a few hundredths of that. The markup is the same byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape  # what Django's escape does, without its lazy-string wrapper
from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from chitieu.core.numbers import format_number, trim_zeros
from chitieu.reporting.choices import VINTAGE_RANK, FigureStatus, Vintage
from chitieu.reporting.links import links

register = template.Library()

OPEN_STATES = (FigureStatus.DRAFT, FigureStatus.RETURNED)
STATUS_LABELS = dict(FigureStatus.choices)
VINTAGE_LABELS = dict(Vintage.choices)
# the marks of the page's forms, the same on every row: a second tap while the first request is
# on its way is dropped (hx-sync), and the button is disabled meanwhile
HX = 'hx-target="closest tr" hx-swap="outerHTML" hx-sync="this:drop" hx-disabled-elt="find button"'
# What a reporter can do about a figure that is no longer theirs to change, by its state.
LOCKED_SAYS = {
    FigureStatus.SUBMITTED: "Đã gửi Thống kê tỉnh, đang chờ kiểm tra — chỉ sửa được khi bị "
    "trả lại.",
    FigureStatus.VERIFIED: "Thống kê tỉnh đã kiểm tra, chờ Sở Tài chính duyệt — chỉ sửa được "
    "khi bị trả lại.",
    FigureStatus.APPROVED: "Đã duyệt (khóa) — muốn sửa, đề nghị Sở Tài chính mở lại.",
}


def _num(value: object) -> str:
    return "" if value is None else format_number(trim_zeros(value))  # type: ignore[arg-type]


def _notice(pk: int, n: Mapping[str, Any]) -> str:
    """The answer to the row's last save or step, beside its field."""
    if n.get("error"):
        text = escape(str(n["error"]))
        if c := n.get("conflict"):
            text += (
                f" Bạn nhập {escape(str(c.get('mine', '')))}, hiện đang lưu "
                f"{escape(str(c.get('theirs', '')))}: hãy kiểm tra rồi bấm Lưu lại."
            )
        return f'<p class="field-error" id="loi-{pk}" role="alert">{text}</p>\n'
    if n.get("ok"):
        return f'<p class="field-ok" role="status">{escape(str(n["ok"]))}</p>\n'
    return "\n"


class _Page:
    """What every row shares: addresses, the CSRF field, the period, who may edit."""

    def __init__(self, context: template.Context, pks: Iterable[int], figure_pks: list[int]):
        self.can_edit = bool(context.get("can_edit"))
        self.period_code = escape(str(context["period"].code))
        self.next = escape(str(context.get("next", "")))
        token = context.get("csrf_token")
        self.csrf = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">'
            if token and str(token) != "NOTPROVIDED"
            else ""
        )
        self.indicator_urls = links("web:indicator", pks)
        self.figure_urls = links("reporting:figure", figure_pks)
        self.submit_urls = links("reporting:action", figure_pks, "submit")
        self.save_url = reverse("reporting:save")


def _figure(page: _Page, f: Any, focus: object) -> str:
    out = [
        f'<div><a href="{page.figure_urls[f.pk]}">{_num(f.value)}</a> '
        f"{escape(VINTAGE_LABELS.get(f.vintage, f.vintage).lower())} — "
        f'<span class="st {escape(f.status)}">{escape(STATUS_LABELS.get(f.status, f.status))}</span>'
    ]
    if f.status == FigureStatus.RETURNED:
        out.append(f'<div class="error">Lý do trả lại: {escape(str(f.return_reason))}</div>')
    out.append("\n")
    if page.can_edit and f.status in OPEN_STATES:
        url = page.submit_urls[f.pk]
        out.append(
            f'<form method="post" action="{url}" class="inline" hx-post="{url}" {HX}>'
            f'{page.csrf}<input type="hidden" name="row" value="1">'
            f'<input type="hidden" name="next" value="{page.next}">'
            f"<button{' data-focus' if focus == 'submit' else ''}>Gửi Thống kê</button></form>"
        )
    out.append("</div>\n")
    return "".join(out)


def _locked(figures: list[Any]) -> tuple[list[Any], list[str]]:
    """The figures sent on (no longer the reporter's to change), and the vintages that can still
    be entered: only those above the highest one sent (a preliminary after an estimate approved;
    nothing after an official figure sent)."""
    locked = [f for f in figures if f.status not in OPEN_STATES]
    top = max((VINTAGE_RANK[f.vintage] for f in locked), default=0)
    return locked, [v for v in Vintage.values if VINTAGE_RANK[v] > top]


def _vintages(values: list[str]) -> str:
    names = [VINTAGE_LABELS[v].lower() for v in values]
    return " hoặc ".join(names) if len(names) < 3 else ", ".join(names)


def _read_only(pk: int, locked: list[Any], n: Mapping[str, Any]) -> str:
    """The entry cell of a row whose every vintage is sent on: its state and what can be done."""
    top = max(locked, key=lambda f: VINTAGE_RANK[f.vintage])
    says = LOCKED_SAYS.get(top.status, STATUS_LABELS.get(top.status, top.status))
    return (
        f'<td><p class="locked">{escape(VINTAGE_LABELS[top.vintage])}: {escape(says)}</p>\n'
        f"{_notice(pk, n)}</td>"
    )


def _entry(page: _Page, row: Any, n: Mapping[str, Any]) -> str:
    """The form that saves the row's figure: the last one entered, or what was typed; a row sent
    on is shown read-only with what can be done about it."""
    pk = row.indicator.pk
    name = escape(row.indicator.name)
    unit = escape(row.indicator.unit or "")
    locked, enterable = _locked(row.figures)
    if not enterable:
        return _read_only(pk, locked, n)
    own = sorted(
        (f for f in row.figures if f.vintage in enterable), key=lambda f: VINTAGE_RANK[f.vintage]
    )
    f = own[-1] if own else None
    e = n.get("entry") or {}
    chosen = e.get("vintage") if e else (f.vintage if f else None)
    options = "".join(
        f'<option value="{v}"{" selected" if chosen == v else ""}>{escape(VINTAGE_LABELS[v])}</option>'
        for v in enterable
    )
    if e:
        value, comment, source = (escape(str(e.get(k, ""))) for k in ("value", "comment", "source"))
    else:
        value = _num(f.value) if f else ""
        comment = escape(f.comment or "") if f else ""
        source = escape(f.source or "") if f else ""
    invalid = (
        f' class="invalid" aria-invalid="true" aria-describedby="loi-{pk}" data-focus autofocus'
        if n.get("error")
        else ""
    )
    still = ""
    if locked:
        # what is sent on, in its own words, then which vintages the form below can still take
        sent = " ".join(
            f"{VINTAGE_LABELS[x.vintage]}: {LOCKED_SAYS.get(x.status, STATUS_LABELS[x.status])}"
            for x in sorted(locked, key=lambda x: VINTAGE_RANK[x.vintage])
        )
        still = (
            f'<p class="locked">{escape(sent)} Còn nhập được số liệu '
            f"{escape(_vintages(enterable))}:</p>\n"
        )
    return (
        f'<td><form method="post" action="{page.save_url}" class="entry" '
        f'hx-post="{page.save_url}" {HX}>{page.csrf}\n{still}'
        f'<input type="hidden" name="indicator" value="{pk}">'
        f'<input type="hidden" name="period" value="{page.period_code}">'
        f'<input type="hidden" name="revision" value="{(f.revision if f else 0) or 0}">\n'
        f'<select name="vintage" aria-label="Loại số liệu: {name}">{options}</select>\n'
        f'<input name="value" id="gia-tri-{pk}" inputmode="decimal" '
        f'enterkeyhint="{"done" if row.last else "next"}" size="9" value="{value}" '
        f'placeholder="{unit or "giá trị"}" aria-label="Giá trị ({unit or "—"}): {name}" '
        f"required{invalid}>\n"
        f'<input name="comment" placeholder="giải thích" size="14" value="{comment}" '
        f'aria-label="Giải thích: {name}"><input name="source" placeholder="nguồn" size="10" '
        f'value="{source}" aria-label="Nguồn: {name}">\n'
        f'<button class="primary">Lưu</button>\n{_notice(pk, n)}</form></td>'
    )


def _row(page: _Page, row: Any, notice: Mapping[str, Any] | None) -> str:
    ind = row.indicator
    pk = ind.pk
    n: Mapping[str, Any] = row.notice or notice or {}
    todo = row.todo
    role = f" · {escape(row.role.lower())}" if row.role else ""
    out = [
        f'<tr id="chi-tieu-{pk}" class="figure-row{" todo" if todo else ""}"'
        f"{' data-focus-next' if n.get('focus') == 'next' else ''}>\n"
        f'<td><a href="{page.indicator_urls[pk]}">{escape(ind.name)}</a> '
        f'<span class="muted">({escape(ind.unit or "—")}{role})</span>'
        f"{f' <span class="todo-tag">{escape(todo)}</span>' if todo else ''}\n"
    ]
    if row.also_in:
        out.append(
            f'<div class="muted">Cũng giao trong {"; ".join(escape(str(p)) for p in row.also_in)}'
            "</div>"
        )
    out.append("\n")
    out.extend(f'<div class="rule">• {escape(str(r))}</div>' for r in row.rules)
    out.append("</td>\n<td>")
    if row.figures:
        out.extend(_figure(page, f, n.get("focus")) for f in row.figures)
    else:
        out.append('<span class="muted">chưa nhập</span>')
    out.append("\n")
    if not page.can_edit:
        out.append(_notice(pk, n))
    out.append("</td>\n")
    if page.can_edit:
        out.append(_entry(page, row, n))
    out.append("\n</tr>\n")
    return "".join(out)


@register.simple_tag(takes_context=True)
def figure_rows(context: template.Context, rows: list[Any]) -> SafeString:
    """``<tr>`` for each DueRow of the entry page: the indicator, its figures with their
    status and the “Gửi Thống kê” button, and the form that saves a figure, with the notice of
    the row's last save beside the field."""
    page = _Page(context, [r.indicator.pk for r in rows], [f.pk for r in rows for f in r.figures])
    notice = context.get("notice")
    return mark_safe("".join(_row(page, r, notice) for r in rows))  # noqa: S308 - escaped above
