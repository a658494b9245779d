"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent / "demo" / "seeds"
SEED_000 = "000_2572cdf0c591401d.txt"
SEED_001 = "001_f2f7cc9a5a75b946.txt"


@pytest.fixture(scope="session")
def seed_bytes():
    def read(name: str) -> bytes:
        return (SEEDS / name).read_bytes()

    return read


@pytest.fixture(scope="session")
def directory():
    from chitieu.importers.agencies import Directory

    return Directory.default()
