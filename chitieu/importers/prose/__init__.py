"""Reader for plans written in prose: numbered targets "(1) … đạt khoảng 111.100 tỷ đồng",
dash and bullet lists, several targets in one sentence, targets inside paragraphs.

The target sections are found (``sections``), each item is cut into clauses and every clause
searched for targets (``clauses``), and each target becomes a row with its name, unit, period
and the sentence it came from (``rows``). A clause left with numbers but no readable target
becomes a row with an error for the person to type or skip, never a guess.
"""

from __future__ import annotations

from ..agencies import Directory
from ..heading import apply_identity, read_identity, read_text_identity
from ..records import Document, ImportError_
from .rows import item_rows
from .sections import items, paragraphs

__all__ = ["paragraphs", "read_prose"]


def read_prose(text: str, document: Document, directory: Directory) -> Document:
    """Read a plan written in prose; raise :class:`ImportError_` when no target section holds a target."""
    del directory  # targets in prose name no agency; kept for the readers' common signature
    lines = text.splitlines()
    ident = read_identity(lines) or read_text_identity(lines)
    apply_identity(document, ident)
    paras = paragraphs(lines)
    for item in items(document, paras):
        document.rows.extend(item_rows(item, document))
    if not any(r.target for r in document.rows):
        raise ImportError_(
            f"{document.source_name}: không tìm thấy bảng chỉ tiêu, cũng không tìm thấy mục "
            "“chỉ tiêu”/“mục tiêu” nào có chỉ tiêu đọc được trong văn bản."
        )
    document.layout = "prose"
    return document
