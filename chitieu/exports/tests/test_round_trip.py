"""An exported appendix imported again gives back the plan's rows, targets and agencies."""

import pytest

from chitieu.catalog.models import Plan
from chitieu.conftest import SEED_000, SEED_001
from chitieu.importers import read_document

pytestmark = pytest.mark.django_db


def _rows(doc):
    return [
        (r.no, r.parent_no, r.group, r.name, r.unit, r.target_text, r.lead, r.coordinating)
        for r in doc.rows
    ]


def _targets(doc):
    return [r.target.as_dict() if r.target else None for r in doc.rows]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize(("seed", "number"), [(SEED_000, "130/KH-UBND"), (SEED_001, "136/QĐ-UBND")])
def test_exported_appendix_reads_back_as_the_seed(
    build, demo, seed_bytes, directory, fmt, seed, number
):
    # given the seed as read, and the plan the demo imported from it
    original = read_document(seed_bytes(seed), seed, directory)
    plan = Plan.objects.get(number=number)
    # when its appendix is exported and read again by the importer
    again = read_document(build("appendix", fmt, plan=plan), f"phu-luc.{fmt}", directory)
    # then the same rows, targets and agencies, in the same order
    assert len(again.rows) == len(original.rows) > 30
    assert _rows(again) == _rows(original)
    assert _targets(again) == _targets(original)
    assert again.doc_kind == original.doc_kind
    # and the document's identity: its number and issue date, as the plan and the seed have them
    assert (again.number, again.issued_on) == (original.number, original.issued_on)
    assert (again.number, again.issued_on) == (plan.number, plan.issued_on)
    assert again.issued_on is not None
    if fmt == "docx":
        # Word keeps the Decree 30 heading: issuer, place, and the caption as the title (the
        # layout prints "PHỤ LỤC" in capitals on its own line)
        assert (again.issuer, again.place) == ("UBND tỉnh Lạng Sơn", "Lạng Sơn")
        assert again.title.casefold() == original.title.casefold()
    assert not [r.error for r in again.rows if r.error]
