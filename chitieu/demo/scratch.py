"""A benchmark writes only into a database it owns: an empty one, which it then marks as its own.

`make bench` creates that database (a SQLite file, or a scratch PostgreSQL database it drops
afterwards); run by hand against a database with anything in it, the bench refuses.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError
from django.db import connection

MARKER = "chitieu_bench_scratch"


def _name() -> str:
    return str(connection.settings_dict.get("NAME") or "")


def claim() -> dict[str, Any] | None:
    """Mark an empty database as the bench's scratch; refuse one holding anything else.

    Returns what an earlier run recorded in its own scratch database (its scale and figures), or
    None for a database just claimed.
    """
    tables = set(connection.introspection.table_names())
    if MARKER in tables:
        with connection.cursor() as cur:
            cur.execute(f"SELECT about FROM {MARKER}")  # noqa: S608 (a constant name)
            row = cur.fetchone()
        if row is None:
            raise CommandError(
                f"Cơ sở dữ liệu thử «{_name()}» còn dở từ một lần đo bị dừng giữa chừng; "
                "hãy xóa nó và chạy lại (make bench tự tạo cơ sở dữ liệu thử mới)."
            )
        return dict(json.loads(row[0]))
    if tables:
        raise CommandError(
            f"Không đo trên cơ sở dữ liệu «{_name()}»: nó đã có {len(tables)} bảng, có thể là "
            "dữ liệu thật. Lệnh đo chỉ chạy trên một cơ sở dữ liệu trống hoặc cơ sở dữ liệu thử "
            "của chính nó; hãy dùng make bench (tự tạo rồi xóa cơ sở dữ liệu thử)."
        )
    with connection.cursor() as cur:
        cur.execute(f"CREATE TABLE {MARKER} (about TEXT NOT NULL)")
    return None


def record(about: dict[str, Any]) -> None:
    """Note in the scratch database what it holds, so a later run may measure it again."""
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {MARKER}")  # noqa: S608
        cur.execute(f"INSERT INTO {MARKER} (about) VALUES (%s)", [json.dumps(about)])  # noqa: S608
