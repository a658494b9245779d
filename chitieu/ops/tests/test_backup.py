"""Backup then restore into an empty database gives back the same rows; a bad archive is refused."""

from __future__ import annotations

import json
import shutil
import zipfile
from contextlib import contextmanager

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.utils import load_backend

from chitieu.ops.manifest import BackupError
from chitieu.ops.services import backup_create, backup_restore, database_state
from chitieu.organizations.models import Organization


@contextmanager
def extra_database(alias, config):
    """A connection made for one test, outside the settings (Django's test case allows those)."""
    conf = connections.configure_settings({"default": {}, alias: dict(config)})[alias]
    connections[alias] = load_backend(conf["ENGINE"]).DatabaseWrapper(conf, alias)
    try:
        yield connections[alias]
    finally:
        connections[alias].close()
        del connections[alias]


def _sqlite(path):
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}


@pytest.fixture(scope="module")
def migrated_file(tmp_path_factory, django_db_setup, django_db_blocker):
    """One migrated SQLite file per module, copied by each test (migrating takes seconds)."""
    path = tmp_path_factory.mktemp("sao-luu") / "mau.sqlite3"
    with django_db_blocker.unblock(), extra_database("bk_template", _sqlite(path)):
        call_command("migrate", database="bk_template", verbosity=0)
    return path


@pytest.fixture
def sqlite_pair(tmp_path, migrated_file):
    """A migrated SQLite file with a few rows (source) and an empty SQLite file (target)."""
    shutil.copy(migrated_file, tmp_path / "nguon.sqlite3")
    src_cfg, dst_cfg = _sqlite(tmp_path / "nguon.sqlite3"), _sqlite(tmp_path / "dich.sqlite3")
    with extra_database("bk_src", src_cfg), extra_database("bk_dst", dst_cfg):
        parent = Organization.objects.using("bk_src").create(name="UBND tỉnh", kind="province")
        Organization.objects.using("bk_src").create(
            name="Sở Tài chính",
            kind="department",
            successor=parent,
            member_kinds=["xã", "phường"],
            note="ghi chú có dấu: Đắk Lắk",
        )
        yield "bk_src", "bk_dst"


def _uploads():
    storage = InMemoryStorage()
    storage.save("plans/ke-hoach.docx", ContentFile(b"PK\x03\x04 noi dung ke hoach"))
    storage.save("actions/bien-ban.pdf", ContentFile("%PDF biên bản".encode()))
    return storage


@pytest.mark.django_db
def test_sqlite_round_trip_gives_back_identical_counts_and_checksums(sqlite_pair, tmp_path):
    # given a file database with rows and two uploaded files
    src, dst = sqlite_pair
    archive = tmp_path / "sao-luu.zip"
    uploads, restored_uploads = _uploads(), InMemoryStorage()
    before = database_state(using=src)
    assert before["organizations_organization"]["rows"] == 2

    # when it is backed up and restored into an empty database
    manifest = backup_create(path=archive, using=src, storage=uploads)
    backup_restore(path=archive, using=dst, storage=restored_uploads)

    # then counts and checksums are those of the source and of the manifest
    assert manifest["tables"] == before
    assert database_state(using=dst) == before
    assert set(manifest["files"]) == {"plans/ke-hoach.docx", "actions/bien-ban.pdf"}
    with restored_uploads.open("actions/bien-ban.pdf") as fh:
        assert fh.read() == "%PDF biên bản".encode()
    org = Organization.objects.using(dst).get(name="Sở Tài chính")
    assert org.successor.name == "UBND tỉnh" and org.member_kinds == ["xã", "phường"]


@pytest.mark.django_db
def test_a_changed_row_changes_the_checksum(sqlite_pair):
    src, _ = sqlite_pair
    before = database_state(using=src)["organizations_organization"]
    Organization.objects.using(src).filter(name="UBND tỉnh").update(note="x")
    after = database_state(using=src)["organizations_organization"]
    assert after["rows"] == before["rows"] and after["sha256"] != before["sha256"]


def _rewrite(archive, target, change):
    """Copy an archive member by member, letting ``change(name, data)`` alter one."""
    with zipfile.ZipFile(archive) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))


def _corrupt_database(name, data):
    if name == "database.sqlite3":
        return data[:-100] + bytes(100)
    return data


def _future_migration(name, data):
    if name == "manifest.json":
        m = json.loads(data)
        m["migrations"].append("reporting.9999_from_the_future")
        return json.dumps(m).encode()
    return data


def _postgres_archive(name, data):
    if name == "manifest.json":
        m = json.loads(data)
        m["vendor"] = "postgresql"
        return json.dumps(m).encode()
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, message",
    [
        (_corrupt_database, "không khớp tổng kiểm tra"),
        (_future_migration, "phiên bản chương trình mới hơn"),
        (_postgres_archive, "bản sao lưu của PostgreSQL, không phục hồi được vào SQLite"),
    ],
)
def test_a_corrupt_or_mismatched_archive_is_refused_and_nothing_is_written(
    sqlite_pair, tmp_path, change, message
):
    src, dst = sqlite_pair
    good, bad = tmp_path / "tot.zip", tmp_path / "xau.zip"
    backup_create(path=good, using=src, storage=InMemoryStorage())
    _rewrite(good, bad, change)
    with pytest.raises(BackupError, match=message):
        backup_restore(path=bad, using=dst, storage=InMemoryStorage())
    assert connections[dst].introspection.table_names() == []


@pytest.mark.django_db
def test_a_truncated_file_and_a_non_empty_database_are_refused(sqlite_pair, tmp_path):
    src, dst = sqlite_pair
    archive, cut = tmp_path / "tot.zip", tmp_path / "cut.zip"
    backup_create(path=archive, using=src, storage=InMemoryStorage())
    cut.write_bytes(archive.read_bytes()[:200])
    with pytest.raises(BackupError, match="cut.zip: không phải tệp zip đọc được"):
        backup_restore(path=cut, using=dst, storage=InMemoryStorage())
    with pytest.raises(BackupError, match=r"đã có dữ liệu \(bảng organizations_organization\)"):
        backup_restore(path=archive, using=src, storage=InMemoryStorage())


@pytest.mark.django_db
def test_the_commands_answer_in_vietnamese(sqlite_pair, tmp_path, capsys):
    src, dst = sqlite_pair
    archive = tmp_path / "lenh.zip"
    call_command("backup", str(archive), database=src)
    assert "Đã sao lưu vào" in capsys.readouterr().out
    with pytest.raises(CommandError, match="đã có: chọn tên khác"):
        call_command("backup", str(archive), database=src)
    call_command("restore", str(archive), database=dst)
    assert "tổng kiểm tra khớp manifest" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Không có tệp"):
        call_command("restore", str(tmp_path / "khong-co.zip"), database=dst)


@pytest.mark.django_db
def test_without_pg_dump_the_backup_says_what_to_install(monkeypatch):
    from chitieu.ops import services

    monkeypatch.setattr(services.shutil, "which", lambda name: None)
    with pytest.raises(BackupError, match="Không tìm thấy chương trình pg_dump trên PATH"):
        services._tool("pg_dump")


@pytest.mark.django_db(transaction=True)
def test_postgresql_round_trip(tmp_path):
    default = connections["default"]
    if default.vendor != "postgresql":
        pytest.skip("chỉ chạy khi DATABASE_URL trỏ tới PostgreSQL")
    import psycopg

    Organization.objects.create(name="UBND tỉnh", kind="province", member_kinds=["xã"])
    uploads = _uploads()
    archive = tmp_path / "pg.zip"
    manifest = backup_create(path=archive, storage=uploads)
    assert manifest["tables"]["organizations_organization"]["rows"] == 1

    target = f"{default.settings_dict['NAME']}_restore"
    cfg = {**default.settings_dict, "NAME": target}
    admin = {k: v for k, v in default.get_connection_params().items() if k != "context"}
    admin["dbname"] = "postgres"
    with psycopg.connect(**admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{target}"')
        c.execute(f'CREATE DATABASE "{target}"')
    try:
        with extra_database("bk_pg", cfg):
            backup_restore(path=archive, using="bk_pg", storage=InMemoryStorage())
            assert database_state(using="bk_pg") == manifest["tables"]
            assert Organization.objects.using("bk_pg").get().member_kinds == ["xã"]
            with pytest.raises(BackupError, match="đã có dữ liệu"):
                backup_restore(path=archive, using="bk_pg", storage=InMemoryStorage())
    finally:
        with psycopg.connect(**admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
