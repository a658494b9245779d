"""The same appendix read from .docx, .xlsx and .pdf gives the rows the document prints."""

import pytest

from chitieu.importers import read_document

from . import builders
from . import seed_000_expected as E000


@pytest.fixture(scope="module", params=["docx", "xlsx", "pdf"])
def built(request, directory):
    data = getattr(builders, f"build_{request.param}")()
    return request.param, read_document(data, f"phu-luc-1.{request.param}", directory)


def test_reads_the_legal_reference(built):
    _, doc = built
    assert (doc.doc_kind, doc.number, str(doc.issued_on), doc.period_code) == (
        "Kế hoạch",
        "130/KH-UBND",
        "2026-04-07",
        "2026-2030",
    )


def test_reads_every_row_as_printed(built):
    fmt, doc = built
    assert len(doc.rows) == len(E000.ROWS), fmt
    for row, exp in zip(doc.rows, E000.ROWS, strict=True):
        _, no, parent, group, name, unit, text, kind, low, high, value, strict, lead, coord = exp
        assert (row.no, row.parent_no, row.group, row.name, row.unit) == (
            no,
            parent,
            group,
            name,
            unit,
        ), fmt
        assert row.target_text == text, (fmt, name)
        if kind:
            t = row.target
            assert (t.kind, t.low, t.high, t.value, t.strict) == (kind, low, high, value, strict), (
                fmt,
                name,
            )
        assert (row.lead, row.coordinating) == (lead, coord), (fmt, name)
        assert row.error == ""


def test_the_pdf_is_read_as_a_ruled_table(built):
    fmt, doc = built
    expected = {"docx": "docx", "xlsx": "xlsx", "pdf": "pdf-table"}[fmt]
    assert doc.layout == expected
