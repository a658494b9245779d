"""The entry forms of a page as a browser would send them; shared by the Locust users and tested
without Locust (importing it patches the whole process for gevent)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

SAVE_PATH = "/so-lieu/luu/"


class _Forms(HTMLParser):
    """Every form on a page with its fields as a browser would send them (hidden ones included)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}})
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            self.forms[-1]["fields"][a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            fields = self.forms[-1]["fields"]
            if "selected" in a or self._select not in fields:
                fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def entry_forms(html: str) -> list[dict[str, str]]:
    """The figure entry forms of "Số liệu của tôi", one per indicator row."""
    parser = _Forms()
    parser.feed(html)
    return [f["fields"] for f in parser.forms if f["action"].endswith(SAVE_PATH)]
