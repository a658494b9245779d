"""Names a person can tell apart: an indicator whose name is not unique among those shown is
named with what distinguishes it (the indicator it belongs to, else its unit, else its code).

Sector rows such as "Dịch vụ" stand under several structures (the GRDP's, the employed's): shown
side by side under their bare names, a reviewer cannot tell which is which (decision 0057).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .text import fold


@dataclass(frozen=True)
class Named:
    """What may tell an indicator apart from another of the same name."""

    pk: int
    name: str
    parent_name: str = ""
    unit: str = ""


def _clashing(labels: dict[int, str]) -> list[list[int]]:
    by_label: dict[str, list[int]] = defaultdict(list)
    for pk, label in labels.items():
        by_label[fold(label)].append(pk)
    return [pks for pks in by_label.values() if len(pks) > 1]


def distinct_labels(items: Iterable[Named]) -> dict[int, str]:
    """Each item's label: its name when no other item shown has it, else the name with the first
    of (parent, unit, code) that tells it from the others, added only where still needed:
    "Dịch vụ (Cơ cấu tổng sản phẩm trên địa bàn)", "Năng suất lao động (Triệu đồng)"."""
    named = {i.pk: i for i in items}
    labels = {pk: i.name for pk, i in named.items()}
    parts: dict[int, list[str]] = defaultdict(list)

    def qualify(part: Callable[[Named], str]) -> None:
        for pks in _clashing(labels):
            values = {pk: part(named[pk]) for pk in pks}
            # a part the clashing items all share tells none of them apart
            if len({fold(v) for v in values.values()}) < 2:
                continue
            for pk, value in values.items():
                if value:
                    parts[pk].append(value)
                    labels[pk] = f"{named[pk].name} ({', '.join(parts[pk])})"

    # a parent named like its part (GRDP per head in USD under the one in millions) says nothing
    qualify(lambda i: i.parent_name if fold(i.parent_name) != fold(i.name) else "")
    qualify(lambda i: i.unit)
    qualify(lambda i: f"mã {i.pk}")
    return labels
