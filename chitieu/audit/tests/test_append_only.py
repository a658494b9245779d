"""Every audit table refuses UPDATE and DELETE in the database, whatever the route."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from chitieu.audit.db import append_only_models, installed_triggers

MODELS = append_only_models()
LABELS = [m._meta.label_lower for m in MODELS]
REFUSED = "chỉ được ghi thêm"


def test_both_audit_tables_are_marked_append_only():
    # a new audit model joins the parametrised tests below by inheriting AppendOnlyModel
    assert {"reporting.figureaudit", "audit.auditentry"} <= set(LABELS)


def _fire_pending_constraint_checks():
    # PostgreSQL will not TRUNCATE a table whose deferred foreign-key checks are still pending in
    # this transaction (the test's own inserts); a real flush runs in a fresh transaction.
    connection.check_constraints()


def _raw_refused(sql, params=None):
    with (
        pytest.raises(IntegrityError, match=REFUSED),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def _reason(model, pk):
    return model.objects.values_list("reason", flat=True).get(pk=pk)


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_triggers_are_installed(model, db):
    table = model._meta.db_table
    expected = {f"{table}_no_update", f"{table}_no_delete"}
    if connection.vendor == "postgresql":
        expected.add(f"{table}_no_truncate")
    assert installed_triggers(connection, table) == expected


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_queryset_update_is_refused(model, audit_rows):
    row = audit_rows[model._meta.label_lower]
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        model.objects.filter(pk=row.pk).update(reason="đã sửa")
    assert _reason(model, row.pk) == "gốc"


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_queryset_delete_is_refused(model, audit_rows):
    row = audit_rows[model._meta.label_lower]
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        model.objects.all().delete()
    assert model.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_raw_sql_update_and_delete_are_refused(model, audit_rows):
    row = audit_rows[model._meta.label_lower]
    table = connection.ops.quote_name(model._meta.db_table)
    _raw_refused(f"UPDATE {table} SET reason = %s WHERE id = %s", ["đã sửa", row.pk])
    _raw_refused(f"DELETE FROM {table} WHERE id = %s", [row.pk])
    assert _reason(model, row.pk) == "gốc"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_raw_truncate_is_refused_on_postgresql(model, audit_rows):
    table = connection.ops.quote_name(model._meta.db_table)
    _fire_pending_constraint_checks()
    _raw_refused(f"TRUNCATE {table} CASCADE")
    assert model.objects.count() == 1


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_the_python_guards_refuse_first(model, audit_rows):
    row = model.objects.get(pk=audit_rows[model._meta.label_lower].pk)
    row.reason = "đã sửa"
    with pytest.raises(PermissionError, match="không được sửa"):
        row.save()
    with pytest.raises(PermissionError, match="không được xóa"):
        row.delete()
    assert _reason(model, row.pk) == "gốc"


def test_flush_empties_the_audit_and_puts_the_triggers_back(audit_rows):
    # given rows in every audit table; when the whole database is flushed (as between tests)
    _fire_pending_constraint_checks()
    call_command("flush", interactive=False, verbosity=0)
    # then they are gone like everything else ...
    for model in MODELS:
        assert model.objects.count() == 0
    # ... and the refusal holds again for what is written afterwards
    for model in MODELS:
        table = model._meta.db_table
        assert installed_triggers(connection, table) >= {f"{table}_no_update", f"{table}_no_delete"}
    fresh = type(audit_rows["audit.auditentry"])
    fresh.objects.create(entity="plan", object_id=1, object_repr="x", action="create")
    with pytest.raises(IntegrityError, match=REFUSED), transaction.atomic():
        fresh.objects.update(reason="đã sửa")


def test_a_user_with_a_trail_cannot_be_deleted(audit_rows):
    # SET_NULL would rewrite the rows; PROTECT says so before the database has to refuse
    from django.db.models import ProtectedError

    user = audit_rows["audit.auditentry"].user
    with pytest.raises(ProtectedError), transaction.atomic():
        user.delete()
    assert type(user).objects.filter(pk=user.pk).exists()
