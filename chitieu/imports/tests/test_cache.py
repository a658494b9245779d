"""The cached document is the document: every seed survives the JSON round trip unchanged."""

import json

import pytest

from chitieu.conftest import SEED_000, SEED_001
from chitieu.importers import read_document
from chitieu.imports.cache import document_from_json, document_to_json


@pytest.mark.parametrize("name", [SEED_000, SEED_001])
def test_a_read_document_survives_the_cache(name, seed_bytes):
    doc = read_document(seed_bytes(name), name)
    back = document_from_json(json.loads(json.dumps(document_to_json(doc))))
    assert back == doc
    assert any(r.target is not None for r in back.rows)
