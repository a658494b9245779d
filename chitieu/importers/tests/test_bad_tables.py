"""Broken tables are refused with a message or read with warnings, never a crash."""

import random

import pytest

from chitieu.importers import ImportError_, read_document

from .shapes import SHAPES, build

_NOISE = ["|", "TT", "STT", "x", "(1)", "I", "-", "99999999999999999999999", "<tr>", "</table>",
          '<td rowspan="100000" colspan="100000">', "Năm 2025", "Tổng số", ""]  # fmt: skip


def _mangled(rnd: random.Random, data: bytes) -> bytes:
    lines = data.decode().splitlines()
    for _ in range(rnd.randint(1, 8)):
        if not lines:
            break
        k = rnd.randrange(len(lines))
        op = rnd.random()
        if op < 0.3:
            del lines[k]
        elif op < 0.7:
            lines.insert(k, rnd.choice(_NOISE))
        else:
            lines.insert(k, lines[rnd.randrange(len(lines))])
    return "\n".join(lines).encode()


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_mangled_tables_never_crash(directory, fmt):
    rnd = random.Random(2026)  # fixed: the same files every run
    bases = [build(shape, fmt) for shape in SHAPES.values()]
    for _ in range(60):
        data = _mangled(rnd, rnd.choice(bases))
        try:
            doc = read_document(data, f"x.{fmt}", directory)
        except ImportError_ as exc:
            assert str(exc).startswith(f"x.{fmt}")  # the message names the file
        else:
            assert all(isinstance(r.name, str) for r in doc.rows)


def test_huge_spans_stay_bounded(directory):
    page = (
        "<p>PHỤ LỤC NĂM 2026</p><table><tr><td>TT</td><td>Chỉ tiêu</td><td>Đơn vị tính</td>"
        '<td rowspan="99999999" colspan="99999999">Kế hoạch 2026</td></tr>'
        "<tr><td>1</td><td>Dân số</td><td>Người</td></tr></table>"
    )
    doc = read_document(page.encode(), "x.html", directory)
    assert [(r.name, r.unit) for r in doc.rows] == [("Dân số", "Người")]


def test_a_number_too_large_is_an_error_on_its_row(directory):
    page = (
        "<p>PHỤ LỤC NĂM 2026</p><table><tr><td>TT</td><td>Chỉ tiêu</td><td>Đơn vị tính</td>"
        "<td>Kế hoạch 2026</td><td>Ước thực hiện 2025</td></tr>"
        "<tr><td>1</td><td>Dân số</td><td>Người</td><td>1.2.3,4,5</td><td>800</td></tr></table>"
    )
    doc = read_document(page.encode(), "x.html", directory)
    bad = next(r for r in doc.rows if r.kind == "target")
    assert bad.error.startswith("mục tiêu không đọc được")
    assert any(w.startswith("Dòng 1: mục tiêu không đọc được") for w in doc.warnings)
