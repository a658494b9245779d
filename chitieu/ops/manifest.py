"""What a backup promises: row counts and checksums per table, read from a snapshot.

The checksum of a table is the SHA-256 of its rows, each written the same way every time and
sorted, so neither the physical order nor the engine's page layout changes it. SQLite rows are
read raw (no Django converters) from a file; PostgreSQL rows as the server's own text form of the
record, inside one repeatable-read snapshot.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FORMAT = "chitieu-backup"
VERSION = 1
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_PREFIX = "media/"
# Tables `migrate` fills by itself: a database holding rows only here is still empty.
BOOKKEEPING = frozenset({"django_migrations", "django_content_type", "auth_permission"})


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Vietnamese."""


def _canon(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return {"hex": bytes(value).hex()}
    if isinstance(value, float):
        return {"float": repr(value)}
    return value


def _digest(lines: Iterable[str]) -> tuple[int, str]:
    ordered = sorted(lines)
    h = hashlib.sha256()
    for line in ordered:
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return len(ordered), h.hexdigest()


def sqlite_tables(path: Path) -> dict[str, dict[str, Any]]:
    """Counts and checksums of every table of a SQLite file (opened read-only)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        out = {}
        for name in names:
            rows = db.execute(f'SELECT * FROM "{name}"')
            count, digest = _digest(
                json.dumps([_canon(v) for v in row], ensure_ascii=False) for row in rows
            )
            out[name] = {"rows": count, "sha256": digest}
        return out
    finally:
        db.close()


def sqlite_migrations(path: Path) -> list[str]:
    """The migrations applied in a SQLite file, as "app.name"."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(f"{a}.{n}" for a, n in db.execute("SELECT app, name FROM django_migrations"))
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Tệp cơ sở dữ liệu trong bản sao lưu không đọc được: {exc}.") from exc
    finally:
        db.close()


def pg_tables(cursor: Any) -> dict[str, dict[str, Any]]:
    """Counts and checksums of every table of the current schema, through a DB-API cursor."""
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    out = {}
    for (name,) in cursor.fetchall():
        cursor.execute(f'SELECT t::text FROM "{name}" AS t')
        count, digest = _digest(r[0] for r in cursor.fetchall())
        out[name] = {"rows": count, "sha256": digest}
    return out


def pg_migrations(cursor: Any) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations")
    return sorted(f"{a}.{n}" for a, n in cursor.fetchall())


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def tables_differ(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Vietnamese lines naming each table whose count or checksum is not the expected one."""
    out = []
    for name in sorted(set(expected) | set(actual)):
        e, a = expected.get(name), actual.get(name)
        if e is None:
            out.append(f"bảng {name} không có trong bản sao lưu")
        elif a is None:
            out.append(f"bảng {name} thiếu")
        elif e["rows"] != a["rows"]:
            out.append(f"bảng {name}: {a['rows']} dòng, bản sao lưu ghi {e['rows']}")
        elif e["sha256"] != a["sha256"]:
            out.append(f"bảng {name}: tổng kiểm tra khác bản sao lưu")
    return out
