"""The target sections of a prose plan, as paragraphs and items.

Only sections whose heading speaks of targets ("Các chỉ tiêu chủ yếu", "Mục tiêu đến năm 2030")
are read: elsewhere a plan's numbers are results, counts of tasks or dates. General objectives
and visions ("Mục tiêu tổng quát", "Tầm nhìn đến năm 2045") are named in a warning, not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.core.text import clean, fold

from ..records import Document

_HEADING = re.compile(
    r"^(?P<mark>Phần\s+[IVX\d]+\.?|Điều\s+\d+\.|[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))\s+(?P<text>\S.*)$"
)


_ITEM_NO = re.compile(r"(?:^|(?<=[\s.;]))\((?P<n>\d{1,3})\)\s+")


_BULLET = re.compile(r"^(?P<b>[-+•–*])\s+")


HORIZON = re.compile(r"\s*,?\s*(?:đến|tới|vào)\s+(?:hết\s+)?năm\s+(?P<y>\d{4})\b", re.I)


_TARGET_WORDS = (fold("chỉ tiêu"), fold("mục tiêu"))


_NOT_TARGET_SECTIONS = (
    "mục tiêu tổng quát",
    "mục tiêu chung",
    "tầm nhìn",
    "định hướng",
    "mục đích",
    "quan điểm",
)


@dataclass
class _Section:
    level: int
    reads: bool
    horizon: str
    group: str


@dataclass
class Item:
    line: int
    no: str | None
    text: str
    group: str
    horizon: str


def _level(mark: str) -> int:
    if mark.startswith("#"):
        return len(mark) - 1
    if not mark:
        return 5  # "Mục tiêu đến năm 2030" without a number: below numbered headings
    if mark.lower().startswith("phần"):
        return 0
    if mark.startswith("Điều") or re.fullmatch(r"[IVX]+\.", mark):
        return 1
    if mark.endswith(")"):
        return 9
    return 1 + mark.count(".")


# A web page converted to markdown: "## Nghị quyết 244/2025/QH15: Các chỉ tiêu chủ yếu …"
_MD_HEADING = re.compile(r"^(?P<mark>#{1,6})\s+(?P<text>\S.*)$")
_BARE_HEADING = re.compile(
    r"^(?P<mark>)(?P<text>(?:Các |Một số )?(?:mục tiêu|chỉ tiêu)\b[^.;:]{0,90})$", re.I
)


def _is_heading(text: str) -> re.Match[str] | None:
    """A numbered heading ("2.1. Chỉ tiêu kinh tế"), or an unnumbered one naming targets."""
    if m := _BARE_HEADING.match(text) or _MD_HEADING.match(text):
        return m
    m = _HEADING.match(text)
    if m and len(text) < 220 and not text.rstrip().endswith((".", ";")):
        return m
    return None


def paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    """Lines joined back into paragraphs where a PDF broke them: a line that does not open a
    heading, a list item or a numbered target continues the one above when that one did not end
    its sentence, or when it starts in lower case or with a figure."""
    out: list[tuple[int, str]] = []
    for n, raw in enumerate(lines, start=1):
        text = clean(re.sub(r"\*+", "", raw))
        if not text or set(text) <= set("-_=|"):
            continue
        if out:
            prev_line, prev = out[-1]
            opens = bool(
                _HEADING.match(text)
                or _MD_HEADING.match(text)
                or _BULLET.match(text)
                or _ITEM_NO.match(text)
            )
            lower = text[:1].islower() or (text[:1].isdigit() and not opens)
            prev_open = not prev.endswith((".", ";", ":", "!", "?"))
            prev_heading = bool(_is_heading(prev))
            caps_cont = prev_heading and prev.upper() == prev and text.upper() == text
            if not opens and (lower or caps_cont or (prev_open and not prev_heading)):
                out[-1] = (prev_line, f"{prev} {text}")
                continue
        out.append((n, text))
    return out


def items(doc: Document, paras: list[tuple[int, str]]) -> list[Item]:
    """The paragraphs of the target sections, split into numbered or listed items."""
    items: list[Item] = []
    stack: list[_Section] = []
    expected = 1
    for line, text in paras:
        if (h := _is_heading(text)) and not _ITEM_NO.match(text):
            level = _level(h.group("mark"))
            while stack and stack[-1].level >= level:
                stack.pop()
            key = fold(h.group("text"))
            parent_reads = bool(stack) and stack[-1].reads
            skip = any(key.startswith(fold(w)) for w in _NOT_TARGET_SECTIONS)
            reads = (parent_reads or any(w in key for w in _TARGET_WORDS)) and not skip
            if skip and parent_reads:
                doc.warnings.append(
                    f"Dòng {line}: mục “{h.group('text')}” là mục tiêu chung/định hướng, "
                    "không đọc thành chỉ tiêu."
                )
            hz = HORIZON.search(h.group("text"))
            horizon = hz.group("y") if hz else (stack[-1].horizon if stack else "")
            group = h.group("text") if reads else ""
            if reads and parent_reads and level < 9 and not any(w in key for w in _TARGET_WORDS):
                group = h.group("text")
            stack.append(
                _Section(level, reads, horizon, group or (stack[-1].group if stack else ""))
            )
            continue
        if not stack or not stack[-1].reads:
            continue
        sec = stack[-1]
        starts = [m for m in _ITEM_NO.finditer(text)]
        numbered = [m for m in starts if int(m.group("n")) >= expected]
        if numbered and numbered[0].start() == 0:
            bounds = []
            for m in numbered:
                if int(m.group("n")) == expected:
                    bounds.append(m)
                    expected += 1
            for k, m in enumerate(bounds):
                end = bounds[k + 1].start() if k + 1 < len(bounds) else len(text)
                items.append(
                    Item(line, m.group("n"), text[m.end() : end].strip(), sec.group, sec.horizon)
                )
            continue
        b = _BULLET.match(text)
        items.append(
            Item(
                line,
                b.group("b") if b else "",  # a paragraph: a row of its own, no printed number
                text[b.end() :] if b else text,
                sec.group,
                sec.horizon,
            )
        )
    return items
