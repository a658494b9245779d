"""Strict reading of the environment: a malformed value stops start-up with a clear message."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """A string variable; without a default it must be set."""
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Thiếu biến môi trường {name}.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    """true/false, 1/0, yes/no, on/off; anything else is an error, not a silent False."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} không hợp lệ: dùng true/false, 1/0, yes/no hoặc on/off."
    )


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list with no empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [i.strip() for i in raw.split(",")]
    if not raw.strip() or any(not i for i in items):
        raise ImproperlyConfigured(
            f"{name}={raw!r} không hợp lệ: cần danh sách cách nhau bởi dấu phẩy."
        )
    return items


# SQLite in a server: WAL lets pages read while one save writes; IMMEDIATE takes the write lock at
# the start of a transaction, so a second writer waits (busy timeout) instead of failing midway with
# "database is locked" when it upgrades a read lock.
SQLITE_OPTIONS: dict[str, object] = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000",
}


def env_database(name: str, default: str) -> dict[str, object]:
    """A database URL (sqlite:////absolute/path or postgres://user:pass@host:port/name)."""
    import dj_database_url

    raw = os.environ.get(name, default)
    if not raw.startswith(("sqlite:", "postgres://", "postgresql://", "pgsql://")):
        raise ImproperlyConfigured(
            f"{name}={raw!r} không hợp lệ: dùng sqlite:///tệp.sqlite3 hoặc postgres://người_dùng@máy:cổng/tên."
        )
    if raw.startswith("sqlite:"):
        _check_sqlite_path(name, raw)
    try:
        # Each gunicorn thread keeps its connection for a minute (a PostgreSQL connection costs
        # a server process and an authentication); PostgreSQL's is checked before a request
        # reuses it, so a restarted server costs no failed page (decision 0050).
        config = dj_database_url.parse(
            raw, conn_max_age=60, conn_health_checks=not raw.startswith("sqlite:")
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} không hợp lệ: {exc}") from exc
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name}={raw!r} không hợp lệ: thiếu tên cơ sở dữ liệu.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **(config.get("OPTIONS") or {})}
    return dict(config)


def _check_sqlite_path(name: str, raw: str) -> None:
    """A SQLite URL names an absolute file: an empty one is a throw-away in-memory database and a
    relative one moves with the directory the server happens to start in."""
    path = raw.removeprefix("sqlite:").removeprefix("//")
    example = "sqlite:////var/lib/chitieu/chitieu.sqlite3"
    if path in ("", "/") or path.startswith("/:memory:") or path.startswith(":memory:"):
        raise ImproperlyConfigured(
            f"{name}={raw!r} không hợp lệ: thiếu đường dẫn tệp SQLite (dữ liệu sẽ mất khi tắt máy chủ); "
            f"ghi đường dẫn tuyệt đối, ví dụ {example}."
        )
    if not path.startswith("//"):
        raise ImproperlyConfigured(
            f"{name}={raw!r} không hợp lệ: đường dẫn tệp SQLite phải là đường dẫn tuyệt đối "
            f"(bốn dấu gạch chéo sau sqlite:), ví dụ {example}."
        )


def env_int(name: str, default: int) -> int:
    """A whole number; anything else stops start-up with the variable's name."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} không hợp lệ: cần một số nguyên.") from exc
