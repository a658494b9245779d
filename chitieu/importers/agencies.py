"""Agency cells to agencies: find the organisations a cell names, and split lead from coordinating.

Matching works on word keys (see :func:`chitieu.core.text.fold`), so a name broken over
lines, typed with the other tone placement, or with a comma inside ("Sở Văn hóa, Thể thao
và Du lịch") is still one organisation. Text that names no known organisation is kept and
reported, never dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from chitieu.core.text import clean, fold

__all__ = [
    "Directory",
    "Mention",
    "find_mentions",
    "organisations",
    "split_lead",
    "DEFAULT_DIRECTORY_PATH",
]

DEFAULT_DIRECTORY_PATH = (
    Path(__file__).resolve().parent.parent / "organizations" / "data" / "lang_son.json"
)
# Ministries, central bodies, bodies every province has, usual abbreviations and group
# phrases: read after the province's own list, so a name it already has keeps its entry.
NATIONAL_DIRECTORY_PATH = DEFAULT_DIRECTORY_PATH.with_name("national.json")

# Words that describe a role, not an agency; they are skipped, not reported.
_ROLE_PHRASES = [
    "chủ trì tổng hợp báo cáo",
    "chủ trì từng nhóm ngành, lĩnh vực theo chức năng, nhiệm vụ được giao",
    "theo chức năng, nhiệm vụ được giao",
    "theo chức năng nhiệm vụ",
    "chủ trì",
    "phối hợp",
    "tổng hợp báo cáo",
    "tổng hợp",
    "thực hiện/theo dõi, đánh giá",
    "chủ trì hướng dẫn, tổng hợp",
    "thúc đẩy, theo dõi, báo cáo chỉ tiêu",
    "theo dõi, báo cáo chỉ tiêu",
    "thúc đẩy",
    "hướng dẫn",
    "theo dõi",
    "báo cáo",
    "theo dõi, đánh giá",
    "và các cơ quan liên quan",
    "các cơ quan liên quan",
    "và",
]
# Words that open a list of short names: "Các cơ quan: Nông nghiệp và Môi trường; Công Thương".
_LIST_INTROS = ["các cơ quan", "các sở", "các đơn vị", "gồm các sở", "các sở, ngành"]

_TOKEN = re.compile(r"[^\W_]+|[,;.:/()\-–]", re.UNICODE)
_SKIPPABLE_INSIDE = {",", "-", "–", "/"}


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    key: str  # fold of a word; the character itself for punctuation

    @property
    def is_word(self) -> bool:
        return self.key[:1].isalnum()


def unglue(text: str) -> str:
    """Split words that a PDF glued together ("thành phốTốc độ" -> "thành phố Tốc độ")."""
    out = []
    for i, ch in enumerate(text):
        if (
            0 < i < len(text) - 1
            and ch.isupper()
            and text[i - 1].islower()
            and text[i + 1].islower()
        ):
            out.append(" ")
        out.append(ch)
    return "".join(out)


def _is_abbreviation(t: _Token) -> bool:
    return 2 <= len(t.text) <= 5 and t.text.isupper()


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        t = m.group(0)
        key = fold(t) if t[:1].isalnum() else t
        out.append(_Token(t, m.start(), m.end(), key))
    # "Sở KH và ĐT" is "Sở KH&ĐT": a "và" between two abbreviations joins them like "&".
    return [
        t
        for k, t in enumerate(out)
        if not (
            t.text == "và"
            and 0 < k < len(out) - 1
            and _is_abbreviation(out[k - 1])
            and _is_abbreviation(out[k + 1])
        )
    ]


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(t.key for t in _tokens(phrase) if t.is_word)


@dataclass(frozen=True)
class Mention:
    """A piece of an agency cell: an organisation found, a role word, or unknown text."""

    kind: str  # "org", "role", "intro", "unknown"
    text: str  # as printed
    start: int
    end: int
    name: str | None = None  # canonical organisation name for kind "org"


@dataclass
class Directory:
    """The organisations a reader can recognise: canonical name -> aliases and short names."""

    names: dict[str, str] = field(default_factory=dict)  # canonical name -> kind
    _full: dict[tuple[str, ...], str] = field(default_factory=dict)
    _short: dict[tuple[str, ...], str] = field(default_factory=dict)
    _prefixes: set[tuple[str, ...]] = field(default_factory=set)

    @classmethod
    def from_entries(cls, entries: Iterable[dict[str, object]]) -> Directory:
        d = cls()
        for e in entries:
            d.add(
                str(e["name"]),
                kind=str(e.get("kind", "")),
                aliases=[str(a) for a in e.get("aliases", []) or []],  # type: ignore[attr-defined]
                short_name=str(e.get("short_name") or ""),
                override=False,
            )
        return d

    @classmethod
    def default(cls) -> Directory:
        """The province's own directory shipped with the application."""
        data = json.loads(DEFAULT_DIRECTORY_PATH.read_text(encoding="utf-8"))
        directory = cls.from_entries(data["organizations"])
        directory.add_national()
        return directory

    def add_national(self) -> None:
        """Add the national list (ministries, common provincial bodies, abbreviations)."""
        data = json.loads(NATIONAL_DIRECTORY_PATH.read_text(encoding="utf-8"))
        for e in data["organizations"]:
            name = clean(str(e["name"]))
            self.add(
                name,
                kind=self.names.get(name) or str(e.get("kind", "")),
                aliases=[str(a) for a in e.get("aliases", [])],
                short_name=str(e.get("short_name") or ""),
                override=False,
            )

    def add(
        self,
        name: str,
        *,
        kind: str = "",
        aliases: Iterable[str] = (),
        short_name: str = "",
        override: bool = True,
    ) -> None:
        name = clean(name)
        self.names[name] = kind
        for alias in (name, *aliases):
            if (keys := _keys(alias)) and (override or keys not in self._full):
                self._full[keys] = name
        if kind == "department" and name.startswith("Sở ") and short_name:
            self._short[_keys(short_name)] = name
        for keys in (*self._full, *self._short):
            self._prefixes.update(keys[:n] for n in range(1, len(keys) + 1))

    def is_prefix(self, text: str) -> bool:
        """Whether ``text`` could be the beginning of a known name (cut by a line break)."""
        keys = _keys(text)
        return bool(keys) and keys in self._prefixes

    def lookup(self, text: str) -> str | None:
        """The canonical name for a whole text, or None."""
        keys = _keys(text)
        return self._full.get(keys) or self._short.get(keys)

    @property
    def max_len(self) -> int:
        return max((len(k) for k in (*self._full, *self._short)), default=1)


def _match_at(
    tokens: list[_Token], i: int, table: dict[tuple[str, ...], str], max_len: int
) -> tuple[int, str] | None:
    """Longest entry of ``table`` starting at word token ``i``; returns (end index, value)."""
    words: list[str] = []
    best: tuple[int, str] | None = None
    j = i
    while j < len(tokens) and len(words) < max_len:
        tok = tokens[j]
        if tok.is_word:
            words.append(tok.key)
            hit = table.get(tuple(words))
            if hit is not None:
                best = (j + 1, hit)
        elif tok.key not in _SKIPPABLE_INSIDE:
            break
        j += 1
    return best


_ROLE_TABLE = {_keys(p): p for p in _ROLE_PHRASES}
_INTRO_TABLE = {_keys(p): p for p in _LIST_INTROS}
_ROLE_MAX = max(len(k) for k in _ROLE_TABLE)


def find_mentions(text: str, directory: Directory) -> list[Mention]:
    """Every organisation, role phrase and unknown run in an agency cell, in order."""
    text = unglue(clean(text))
    tokens = _tokens(text)
    out: list[Mention] = []
    unknown: list[_Token] = []
    in_list = False

    def flush() -> None:
        if unknown:
            s, e = unknown[0].start, unknown[-1].end
            # A run that starts in lower case after a name says what the body does
            # ("thúc đẩy, theo dõi, báo cáo chỉ tiêu"): a role, not an agency.
            first = unknown[0].text[:1]
            kind = "role" if first.islower() and out else "unknown"
            out.append(Mention(kind, text[s:e], s, e))
            unknown.clear()

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.is_word:
            if tok.key in ",;.:(" or (tok.key in "-–" and not unknown):
                flush()
            elif unknown:
                unknown.append(tok)
            if tok.key == ".":
                in_list = False
            i += 1
            continue
        hit = _match_at(tokens, i, directory._full, directory.max_len)
        if in_list:
            short = _match_at(tokens, i, directory._short, directory.max_len)
            if short and (hit is None or short[0] > hit[0]):
                hit = short
        intro = _match_at(tokens, i, _INTRO_TABLE, 3)
        if intro and intro[0] < len(tokens) and tokens[intro[0]].key == ":":
            flush()
            end = tokens[intro[0]].end
            out.append(Mention("intro", text[tok.start : end], tok.start, end))
            in_list = True
            i = intro[0] + 1
            continue
        if hit:
            flush()
            end = tokens[hit[0] - 1].end
            out.append(Mention("org", text[tok.start : end], tok.start, end, hit[1]))
            i = hit[0]
            continue
        role = _match_at(tokens, i, _ROLE_TABLE, _ROLE_MAX)
        if role:
            flush()
            end = tokens[role[0] - 1].end
            out.append(Mention("role", text[tok.start : end], tok.start, end))
            i = role[0]
            continue
        unknown.append(tok)
        i += 1
    flush()
    return out


def organisations(text: str, directory: Directory) -> tuple[list[str], list[str]]:
    """The canonical names a cell names (in order, once each) and the unknown names in it."""
    found: list[str] = []
    unknown: list[str] = []
    for m in find_mentions(text, directory):
        if m.kind == "org" and m.name not in found:
            found.append(m.name or "")
        elif m.kind == "unknown" and m.text.strip(" -–") and m.text not in unknown:
            unknown.append(m.text.strip(" -–"))
    return found, unknown


def split_lead(text: str, directory: Directory) -> tuple[str, str]:
    """Split one run of agency text into the lead part and the coordinating part.

    In a PDF whose columns ran together, the lead column comes first: a comma-separated
    list of agencies. The first agency not joined to the previous one by a comma (or a
    list intro such as "Các sở:") opens the coordinating column.
    """
    text = unglue(clean(text))
    mentions = [m for m in find_mentions(text, directory) if m.kind != "role"]
    if not mentions:
        return text, ""
    prev_end = None
    for m in mentions:
        if prev_end is not None and m.kind in ("org", "intro", "unknown"):
            gap = text[prev_end : m.start]
            if "," not in gap and ";" not in gap:
                return text[: m.start].strip(" ,;"), text[m.start :].strip(" ,;")
        prev_end = m.end
    return text, ""
