"""Backup and restore: one zip holding a consistent database snapshot, the uploads and a manifest.

SQLite is copied with its online backup API (pages copied under a read lock, so a save in
progress never tears the copy); PostgreSQL with `pg_dump --format=custom` inside an exported
repeatable-read snapshot, the same snapshot the manifest's checksums are read from.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from . import manifest as mf
from .manifest import BackupError

VENDOR_LABEL = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in mf.DB_MEMBER:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    return vendor


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"Không tìm thấy chương trình {name} trên PATH: cài gói postgresql-client "
            "(cùng phiên bản với máy chủ PostgreSQL) rồi chạy lại."
        )
    return path


def _pg_args(using: str) -> tuple[list[str], dict[str, str]]:
    s = connections[using].settings_dict
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if s.get(key):
            args += [flag, str(s[key])]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return [*args, "-d", str(s["NAME"])], env


def _pg_connect(using: str) -> Any:
    import psycopg

    s = connections[using].settings_dict
    params = {"dbname": s["NAME"], "user": s.get("USER") or None}
    params |= {"password": s.get("PASSWORD") or None, "host": s.get("HOST") or None}
    params |= {"port": s.get("PORT") or None}
    conn = psycopg.connect(**{k: v for k, v in params.items() if v is not None})
    conn.execute("SET TIME ZONE 'UTC'")
    conn.commit()
    return conn


def _walk(storage: Storage, top: str = "") -> Iterator[str]:
    try:
        dirs, files = storage.listdir(top)
    except FileNotFoundError:  # no upload yet: the media folder does not exist
        return
    for f in sorted(files):
        yield f"{top}/{f}" if top else f
    for d in sorted(dirs):
        yield from _walk(storage, f"{top}/{d}" if top else d)


def _sqlite_copy(using: str, dest: Path) -> None:
    conn = connections[using]
    conn.ensure_connection()
    target = sqlite3.connect(dest)
    try:
        conn.connection.backup(target)
    finally:
        target.close()


def _snapshot(using: str, workdir: Path) -> tuple[Path, dict[str, Any], list[str]]:
    """Write the database to a file in ``workdir``; its tables and migrations, from that same copy."""
    vendor = _vendor(using)
    dest = workdir / mf.DB_MEMBER[vendor]
    if vendor == "sqlite":
        _sqlite_copy(using, dest)
        return dest, mf.sqlite_tables(dest), mf.sqlite_migrations(dest)
    pg_dump = _tool("pg_dump")
    args, env = _pg_args(using)
    with _pg_connect(using) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        run = subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges"]
            + [f"--snapshot={snapshot}", "-f", str(dest), *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            raise BackupError(f"pg_dump không chạy được: {run.stderr.strip()}")
        with conn.cursor() as cur:
            tables, migrations = mf.pg_tables(cur), mf.pg_migrations(cur)
    return dest, tables, migrations


def database_state(*, using: str = "default") -> dict[str, Any]:
    """Counts and checksums of the database as it is now (read from a snapshot, nothing written)."""
    with tempfile.TemporaryDirectory() as tmp:
        if _vendor(using) == "sqlite":
            _, tables, _ = _snapshot(using, Path(tmp))
            return tables
        with _pg_connect(using) as conn, conn.cursor() as cur:
            return mf.pg_tables(cur)


def backup_create(
    *, path: Path, using: str = "default", storage: Storage | None = None
) -> dict[str, Any]:
    """Write the backup archive to ``path`` (atomically: a half-written file never has the name)."""
    storage = storage or default_storage
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        db_file, tables, migrations = _snapshot(using, Path(tmp))
        vendor = _vendor(using)
        files: dict[str, Any] = {}
        partial = path.with_name(path.name + ".tmp")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(db_file, mf.DB_MEMBER[vendor])
            for name in _walk(storage):
                with storage.open(name, "rb") as fh:
                    data = fh.read()
                zf.writestr(mf.MEDIA_PREFIX + name, data)
                files[name] = {"size": len(data), "sha256": _sha(data)}
            manifest = {
                "format": mf.FORMAT,
                "version": mf.VERSION,
                "created_at": datetime.now(UTC).isoformat(),
                "vendor": vendor,
                "database": {
                    "member": mf.DB_MEMBER[vendor],
                    "sha256": mf.file_sha256(db_file),
                },
                "migrations": migrations,
                "tables": tables,
                "files": files,
            }
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        partial.replace(path)
    return manifest


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(zf: zipfile.ZipFile, name: str) -> dict[str, Any]:
    try:
        raw = zf.read("manifest.json")
    except KeyError:
        raise BackupError(
            f"{name}: không có manifest.json — không phải bản sao lưu chitieu."
        ) from None
    try:
        manifest = json.loads(raw)
    except ValueError as exc:
        raise BackupError(f"{name}: manifest.json hỏng ({exc}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != mf.FORMAT:
        raise BackupError(f"{name}: manifest.json không phải của bản sao lưu chitieu.")
    if manifest.get("version") != mf.VERSION:
        raise BackupError(
            f"{name}: bản sao lưu định dạng phiên bản {manifest.get('version')}, "
            f"chương trình này đọc phiên bản {mf.VERSION}."
        )
    for key in ("vendor", "database", "migrations", "tables", "files"):
        if key not in manifest:
            raise BackupError(f"{name}: manifest.json thiếu mục “{key}”.")
    return manifest


def _check_compatible(manifest: dict[str, Any], using: str, name: str) -> None:
    vendor = _vendor(using)
    if manifest["vendor"] != vendor:
        raise BackupError(
            f"{name}: bản sao lưu của {VENDOR_LABEL.get(manifest['vendor'], manifest['vendor'])}, "
            f"không phục hồi được vào {VENDOR_LABEL[vendor]}."
        )
    known = {f"{app}.{mig}" for app, mig in MigrationLoader(None).disk_migrations}
    unknown = sorted(set(manifest["migrations"]) - known)
    if unknown:
        raise BackupError(
            f"{name}: bản sao lưu từ một phiên bản chương trình mới hơn (có migration chưa biết: "
            f"{', '.join(unknown[:3])}{' …' if len(unknown) > 3 else ''}); "
            "cập nhật chương trình trước khi phục hồi."
        )


def _check_empty(using: str) -> None:
    conn = connections[using]
    with conn.cursor() as cur:
        for table in conn.introspection.table_names(cur):
            if table in mf.BOOKKEEPING:
                continue
            cur.execute(f"SELECT 1 FROM {conn.ops.quote_name(table)} LIMIT 1")
            if cur.fetchone() is not None:
                raise BackupError(
                    f"Cơ sở dữ liệu đích đã có dữ liệu (bảng {table}): chỉ phục hồi vào một "
                    "cơ sở dữ liệu trống (tạo mới, hoặc chỉ mới chạy migrate)."
                )


def _extract_verified(
    zf: zipfile.ZipFile, manifest: dict[str, Any], workdir: Path, name: str
) -> tuple[Path, dict[str, bytes]]:
    """Every member checked against the manifest before anything is written to the database."""
    member = manifest["database"]["member"]
    try:
        zf.extract(member, workdir)
        media = {f: zf.read(mf.MEDIA_PREFIX + f) for f in manifest["files"]}
    except KeyError as exc:
        raise BackupError(f"{name}: thiếu tệp {exc.args[0]} mà manifest.json ghi.") from exc
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(f"{name}: bản sao lưu hỏng ({exc}).") from exc
    db_file = workdir / member
    if mf.file_sha256(db_file) != manifest["database"]["sha256"]:
        raise BackupError(f"{name}: tệp {member} không khớp tổng kiểm tra trong manifest.json.")
    for f, data in media.items():
        if _sha(data) != manifest["files"][f]["sha256"]:
            raise BackupError(f"{name}: tệp tải lên {f} không khớp tổng kiểm tra.")
    if manifest["vendor"] == "sqlite":
        differ = mf.tables_differ(manifest["tables"], mf.sqlite_tables(db_file))
        if differ:
            raise BackupError(
                f"{name}: dữ liệu không khớp manifest.json — {'; '.join(differ[:5])}."
            )
    return db_file, media


def backup_restore(
    *, path: Path, using: str = "default", storage: Storage | None = None
) -> dict[str, Any]:
    """Restore an archive into an empty database; refuses a corrupt or mismatched one untouched."""
    storage = storage or default_storage
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise BackupError(f"Không có tệp {path}.")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{name}: không phải tệp zip đọc được ({exc}).") from exc
    with zf, tempfile.TemporaryDirectory() as tmp:
        manifest = _read_manifest(zf, name)
        _check_compatible(manifest, using, name)
        db_file, media = _extract_verified(zf, manifest, Path(tmp), name)
        _check_empty(using)
        for f, data in media.items():
            if storage.exists(f):
                with storage.open(f, "rb") as fh:
                    if fh.read() != data:
                        raise BackupError(
                            f"Tệp tải lên {f} đã có ở nơi lưu trữ với nội dung khác: "
                            "dọn thư mục tệp tải lên trước khi phục hồi."
                        )
        if manifest["vendor"] == "sqlite":
            _sqlite_restore(using, db_file)
        else:
            _pg_restore(using, db_file)
        for f, data in media.items():
            if not storage.exists(f):
                saved = storage.save(f, ContentFile(data))
                if saved != f:
                    raise BackupError(f"Nơi lưu trữ đổi tên tệp {f} thành {saved}.")
        differ = mf.tables_differ(manifest["tables"], database_state(using=using))
        if differ:
            raise BackupError(
                f"Đã phục hồi nhưng dữ liệu không khớp manifest.json — {'; '.join(differ[:5])}."
            )
    return manifest


def _sqlite_restore(using: str, db_file: Path) -> None:
    conn = connections[using]
    conn.ensure_connection()
    source = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        source.backup(conn.connection)
    finally:
        source.close()
    conn.close()  # the schema changed under the connection; the next query opens a fresh one


def _pg_restore(using: str, db_file: Path) -> None:
    pg_restore = _tool("pg_restore")
    args, env = _pg_args(using)
    connections[using].close()
    run = subprocess.run(
        [pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges"]
        + ["--single-transaction", "--exit-on-error", *args, str(db_file)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise BackupError(
            f"pg_restore không chạy được (không có gì được ghi): {run.stderr.strip()}"
        )
