"""One item of a target section (a numbered target, a list item, a paragraph) into rows: its
clauses, each target's name, unit, period and parsed target, and the item's structure (a
"Cơ cấu …:" head over its shares, a "trong đó" breakdown, several targets in one sentence)."""

from __future__ import annotations

import re

from chitieu.core.numbers import NumberError
from chitieu.core.text import clean, fold

from ..records import Document, Row
from .clauses import COUNTS, find, target_of
from .sections import HORIZON, Item

_HORIZON_LEAD = re.compile(r"^(?:Đến|Tới|Vào)\s+(?:hết\s+)?năm\s+(?P<y>\d{4})\s*[,:]?\s*", re.I)


_SPAN_IN = re.compile(r"\s*(?:thời kỳ|giai đoạn)\s+(?P<a>\d{4})\s*[-–]\s*(?P<b>\d{4})", re.I)


_YEARLY = re.compile(r"hằng năm|hàng năm|mỗi năm|/năm|cả giai đoạn", re.I)


_CONNECTORS = ("tương đương", "và", "hay", "hoặc", "trong đó", "trong đó có", "riêng")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tidy(stem: str) -> str:
    s = clean(stem).strip(" ,;:.")
    s = re.sub(r"^(?:trong đó|riêng)\s*,?\s*(?:có\s+)?", "", s, flags=re.I)
    s = re.sub(r"^(?:duy trì|phấn đấu)\s+", "", s, flags=re.I)
    s = re.sub(r"\s+phấn đấu$", "", s, flags=re.I)
    s = re.sub(r"\s+(?:đạt|là|ở|bằng|chiếm|mức)$", "", s, flags=re.I)
    return clean(s).strip(" ,;:")


def _split_clauses(text: str) -> list[str]:
    """Clauses: split at semicolons and full stops outside parentheses."""
    out, depth, cur = [], 0, ""
    for k, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        end_sentence = (
            ch == "."
            and depth == 0
            and text[k + 1 : k + 2] == " "
            and text[k + 2 : k + 3].isupper()
        )
        if (ch == ";" and depth == 0) or end_sentence:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    return [c.strip(" .") for c in out if c.strip(" .")]


def _period(stem: str, sticky: str, plan: str) -> tuple[str, str, str]:
    """The row's period and the stem without its period words; the horizon that sticks."""
    # Years inside a qualifier ("(theo chuẩn nghèo … giai đoạn 2026 - 2030)") are not the period.
    flat = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), stem)
    if m := _SPAN_IN.search(flat):
        return f"{m.group('a')}-{m.group('b')}", clean(stem[: m.start()] + stem[m.end() :]), sticky
    if m := HORIZON.search(flat):
        return m.group("y"), clean(stem[: m.start()] + stem[m.end() :]), m.group("y")
    if _YEARLY.search(flat):
        stem = re.sub(r"\s*cả giai đoạn", "", stem, flags=re.I)
        return plan, clean(stem), sticky
    return sticky or plan, stem, sticky


def item_rows(item: Item, doc: Document) -> list[Row]:
    rows: list[Row] = []
    # "(tương đương khoảng 5.400 USD)", "(trong đó, công nghiệp tăng 14 - 15%)" add targets.
    text = re.sub(r"\(\s*(tương đương[^()]*)\)", r", \1", item.text, flags=re.I)
    text = re.sub(r"\(\s*trong đó,?\s*([^()]*)\)", r"; trong đó \1", text, flags=re.I)
    sticky = item.horizon
    if m := _HORIZON_LEAD.match(text):
        sticky, text = m.group("y"), text[m.end() :]
    parent: Row | None = None
    structure = False
    head, sep, rest = text.partition(":")
    if sep and rest.strip() and not any(find(head)):
        if m := _HORIZON_LEAD.match(head.strip() + " "):
            sticky = m.group("y")
            text = rest
        else:
            period, name, sticky = _period(head, sticky, doc.period_code)
            parent = Row(
                line=item.line,
                no=item.no,
                parent_no=None,
                group=item.group,
                name=_cap(_tidy(name)),
                raw=text,
                period=period,
                source=item.text,
            )
            rows.append(parent)
            structure = True
            text = rest
    first: Row | None = None
    breakdown = False
    for clause in _split_clauses(text):
        found, stray, malformed = find(clause)
        if malformed or (stray and not found):
            error = (
                f"số “{'”, “'.join(malformed)}” viết sai (dấu chấm nhóm hàng nghìn, dấu phẩy "
                "thập phân, ví dụ 1.234,5); hãy sửa tệp hoặc bỏ qua dòng này"
                if malformed
                else f"câu có số ({', '.join(stray)}) nhưng không đọc được mục tiêu; "
                "hãy nhập mục tiêu hoặc bỏ qua dòng này"
            )
            rows.append(
                Row(
                    line=item.line,
                    no=None,
                    parent_no=None,
                    group=item.group,
                    name=_cap(clean(clause)),
                    raw=clause,
                    source=item.text,
                    error=error,
                )
            )
            continue
        if not found:
            continue
        prev_name = ""
        prev_end = 0
        for k, f in enumerate(found):
            stem = clause[prev_end : f.start]
            in_td = fold("trong đó") in fold(stem)  # "…, trong đó ngành X tăng 3%"
            breakdown = breakdown or in_td
            tail_end = found[k + 1].start if k + 1 < len(found) else len(clause)
            raw_tail = clause[f.end : tail_end]
            # A tail that opens with a comma or "và" is the next target's subject, not this one's.
            tail = "" if re.match(r"\s*(?:,|và\b)", raw_tail) and k + 1 < len(found) else raw_tail
            tail = re.sub(r"^\s*(?:và|,)\s*|\s*(?:,|và)\s*$", "", tail).strip()
            period, stem, sticky = _period(stem, sticky, doc.period_code)
            name = _tidy(stem)
            connector = not name or fold(name) in {fold(c) for c in _CONNECTORS}
            where = "" if connector else name
            is_count = any(fold(f.unit) == fold(c) for c in COUNTS)
            qualifier = tail if tail.startswith("(") else ""
            phrase = "" if qualifier else tail
            if is_count and re.match(r"(?:số|tổng)\b", where.lower()):
                # "số bác sĩ đạt 15 bác sĩ trên 1 vạn dân": the subject is named; keep a "per" tail
                if re.match(r"(?:trên|/|cho mỗi)\s", phrase):
                    name = f"{name} {phrase}"
            elif is_count:
                shared = "" if phrase else clause[found[-1].end :].strip()
                name = f"số {f.unit.lower()} {phrase or shared}".strip()
                if where:
                    name = f"{name} {where[:1].lower() + where[1:]}"
                if f.markers and f.markers[0] == "thu hút":
                    name = f"thu hút {f.unit.lower()} {phrase}".strip()
            elif phrase and (
                connector or fold(where) in {fold("toàn tỉnh"), fold("trên địa bàn tỉnh")}
            ):
                if f.unit == "%":
                    name = (
                        phrase
                        if re.match(r"tỷ lệ|tỉ lệ|tỷ trọng", phrase, re.I)
                        else f"tỷ lệ {phrase}"
                    )
                else:
                    name = f"số {phrase}"
            elif "chiếm" in f.markers and f.unit == "%" and phrase and name:
                name = f"tỷ trọng {name[:1].lower() + name[1:]} trong {phrase}"
            elif k > 0 and connector:
                name = prev_name
            elif k > 0 and name and len(name.split()) <= 2 and prev_name and not in_td:
                name = f"{prev_name} {name} {phrase}".strip()
            used_phrase = bool(phrase) and fold(phrase) in fold(name)
            if qualifier:
                name = f"{name} {qualifier}"
            name = clean(name)
            sibling = (
                first is not None and not structure and name != first.name and (k == 0 or in_td)
            )
            short = len(name.split()) <= 8 and not re.match(
                r"tỷ lệ|tỉ lệ|tỷ trọng|tổng|số", name, re.I
            )
            if sibling and short and first is not None:
                sector = re.sub(r"^(?:ngành|khu vực)\s+", "", name, flags=re.I)
                if breakdown:
                    name, period = f"{first.name} - {sector}", first.period
                elif " khu vực " in first.name:
                    name = f"{first.name.split(' khu vực ')[0]} khu vực {sector[:1].lower() + sector[1:]}"
            if structure:
                name = re.sub(r"^(?:khu vực|ngành)\s+", "", name, flags=re.I)
            if f.high and f.markers and f.markers[-1] == "giảm":
                # a range has no "reduce by" form: the name keeps the direction
                name = f"giảm {name[:1].lower() + name[1:]}"
            name = _cap(clean(name))
            try:
                target = target_of(f, stem)
                error = ""
            except NumberError as exc:
                target, error = None, f"không đọc được số trong “{f.text}”: {exc}"
            row = Row(
                line=item.line,
                no=None,
                parent_no=None,
                group=item.group,
                name=name,
                unit=f.unit,
                target_text=f.text,
                target=target,
                raw=clean(clause),
                period=period,
                source=item.text,
                error=error,
            )
            if first is None and not structure:
                first = row
            rows.append(row)
            prev_name = name
            prev_end = tail_end if used_phrase else f.end
    if rows and rows[0] is not parent:
        rows[0].no = item.no
    for r in rows[1:]:
        r.parent_no = item.no if item.no not in ("", "-", "+", "•", "–", "*") else None
    return rows
