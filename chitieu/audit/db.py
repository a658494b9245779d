"""The triggers that make audit tables append-only in the database itself (SQLite and PostgreSQL).

Each app's migration calls :func:`install` for its audit table. The only sanctioned way to empty
such a table is ``manage.py flush`` (which the test suite uses between transactional tests): it
drops the triggers, empties every table and puts the triggers back, in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

REFUSAL = "Nhật ký chỉ được ghi thêm: không được sửa hay xóa dòng của bảng"

# One PL/pgSQL function serves every audit table; TG_OP says what was attempted.
PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION chitieu_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{REFUSAL} % (thao tác %).', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$
"""


def _names(table: str) -> dict[str, str]:
    return {
        "update": f"{table}_no_update",
        "delete": f"{table}_no_delete",
        "truncate": f"{table}_no_truncate",
    }


def install_sql(vendor: str, table: str) -> list[str]:
    """Statements that make ``table`` refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL)."""
    n = _names(table)
    if vendor == "sqlite":
        # RAISE(ABORT) is reported as a constraint failure, so Django raises IntegrityError.
        return [
            f'CREATE TRIGGER IF NOT EXISTS "{n[op]}" BEFORE {op.upper()} ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL} {table} (thao tác {op.upper()}).'); END"
            for op in ("update", "delete")
        ]
    if vendor == "postgresql":
        return [
            PG_FUNCTION,
            f'DROP TRIGGER IF EXISTS "{n["update"]}" ON "{table}"',
            f'DROP TRIGGER IF EXISTS "{n["delete"]}" ON "{table}"',
            f'DROP TRIGGER IF EXISTS "{n["truncate"]}" ON "{table}"',
            f'CREATE TRIGGER "{n["update"]}" BEFORE UPDATE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION chitieu_append_only()",
            f'CREATE TRIGGER "{n["delete"]}" BEFORE DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION chitieu_append_only()",
            # TRUNCATE fires no row trigger, so it gets a statement trigger of its own.
            f'CREATE TRIGGER "{n["truncate"]}" BEFORE TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION chitieu_append_only()",
        ]
    raise NotImplementedError(
        f"Chưa có trigger chỉ-ghi-thêm cho cơ sở dữ liệu “{vendor}”; chỉ hỗ trợ SQLite và PostgreSQL."
    )


def uninstall_sql(vendor: str, table: str) -> list[str]:
    """Statements that remove the triggers of ``table`` (the function stays: others share it)."""
    on = f' ON "{table}"' if vendor == "postgresql" else ""
    ops = ("update", "delete", "truncate") if vendor == "postgresql" else ("update", "delete")
    return [f'DROP TRIGGER IF EXISTS "{_names(table)[op]}"{on}' for op in ops]


def _run(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(schema_editor: Any, table: str) -> None:
    """Install the triggers of ``table`` from a migration (RunPython)."""
    _run(schema_editor.connection, install_sql(schema_editor.connection.vendor, table))


def uninstall(schema_editor: Any, table: str) -> None:
    """Remove the triggers of ``table`` (the reverse of :func:`install`)."""
    _run(schema_editor.connection, uninstall_sql(schema_editor.connection.vendor, table))


def append_only_models() -> list[type[models.Model]]:
    """Every installed model marked append-only (the audit tables)."""
    return [m for m in apps.get_models() if getattr(m, "append_only", False)]


def installed_triggers(connection: BaseDatabaseWrapper, table: str) -> set[str]:
    """Names of the append-only triggers that exist on ``table`` now."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [table],
            )
        found = {row[0] for row in cursor.fetchall()}
    return found & set(_names(table).values())


@contextmanager
def triggers_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Drop the audit triggers, run the block, put them back; for ``flush`` only.

    The caller holds a transaction around this (DDL is transactional on both databases), so no
    other connection ever sees an audit table without its triggers.
    """
    tables = [
        m._meta.db_table
        for m in append_only_models()
        if m._meta.db_table in connection.introspection.table_names()
    ]
    for table in tables:
        _run(connection, uninstall_sql(connection.vendor, table))
    yield
    for table in tables:
        _run(connection, install_sql(connection.vendor, table))
