"""The findings and the proposed links are computed once for each state of their inputs, and a
page shows every change at once (decision 0048)."""

import re
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction

from chitieu.catalog.choices import PlanKind
from chitieu.catalog.models import Indicator, Plan, Target
from chitieu.catalog.services import plan_delete
from chitieu.crosscheck import memo
from chitieu.crosscheck.selectors import crosscheck_report, findings, links
from chitieu.crosscheck.services import indicator_link_confirm, indicator_link_split

from .conftest import SEED_002, _import

PAGES = ["/doi-chieu/", "/doi-chieu/?theo=chi-tieu", "/doi-chieu/lien-ket/"]


def _pages(client) -> dict[str, str]:
    # the tokens against forgery differ on every response
    return {
        url: re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", html)
        for url in PAGES
        for html in [client.get(url).content.decode()]
    }


def _life():
    # a target that a finding shows
    [f] = [f for f in crosscheck_report().findings if f.indicator.startswith("Tuổi thọ")]
    return Target.objects.get(pk=f.facts[-1].id)


def _confirm(plans, user, indicator):
    a = indicator(plans["000"], "Tỷ lệ che phủ rừng")
    indicator_link_confirm(user=user, a=a, b=indicator(plans["001"], "Tỷ lệ che phủ của rừng"))


def _split(plans, user, indicator):
    a = indicator(plans["000"], "Tỷ lệ che phủ rừng")
    indicator_link_split(user=user, a=a, b=indicator(plans["001"], "Tỷ lệ che phủ của rừng"))


def _edit_target(plans, user, indicator):
    # as the admin saves it: through the model, no service
    t = _life()
    t.low, t.high, t.value = Decimal("71.5"), Decimal("77.5"), None
    t.printed_text = "đạt 71,5 - 77,5 tuổi"
    t.save()


def _rename_plan(plans, user, indicator):
    plans["000"].number = "99/NQ-HĐND"
    plans["000"].save()


def _rename_indicator(plans, user, indicator):
    ind = _life().indicator
    ind.name = "Tuổi thọ bình quân của người dân"
    ind.save()


def _import_another(plans, user, indicator):
    _import(SEED_002, period_code="2024-2030")


def _delete_plan(plans, user, indicator):
    plan_delete(user=user, plan=plans["001"])


def _bulk_add(plans, user, indicator):
    # bulk_create sends no signal: the row count still changes the key
    t = _life()
    other = next(p for p in plans.values() if p.pk != t.plan_id)
    t.pk, t.plan, t.position, t.period_code = None, other, 999, "2030"
    t.low, t.high, t.printed_text = Decimal("88"), Decimal("90"), "đạt 88 - 90 tuổi"
    Target.objects.bulk_create([t])


CHANGES = [
    _confirm,
    _split,
    _edit_target,
    _rename_plan,
    _rename_indicator,
    _import_another,
    _delete_plan,
    _bulk_add,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__.strip("_"))
def test_a_change_shows_at_once_as_if_computed_afresh(client, plans, taichinh, indicator, change):
    client.force_login(taichinh)
    before = _pages(client)
    # when
    change(plans, taichinh, indicator)
    after = _pages(client)
    # then: what the pages show is what a process that never kept anything computes
    memo.forget()
    assert after == _pages(client)
    assert any(after[url] != before[url] for url in PAGES)


def test_the_findings_and_proposals_are_computed_once_while_nothing_changes(
    client, plans, taichinh, monkeypatch
):
    calls = []
    for module, name in [(findings, "_all_findings"), (links, "_link_proposals")]:
        compute = getattr(module, name)
        monkeypatch.setattr(module, name, lambda c=compute, n=name: calls.append(n) or c())
    client.force_login(taichinh)
    first = _pages(client)
    assert _pages(client) == first
    assert sorted(calls) == ["_all_findings", "_link_proposals"]


def test_a_change_rolled_back_leaves_the_pages_as_before(client, plans, taichinh, indicator):
    client.force_login(taichinh)
    before = _pages(client)
    with pytest.raises(RuntimeError), transaction.atomic():
        _confirm(plans, taichinh, indicator)
        assert _pages(client) != before  # computed, and kept, from the uncommitted link
        raise RuntimeError
    assert _pages(client) == before


def test_a_database_without_a_token_gets_one_on_the_first_read(db):
    from chitieu.crosscheck.models import ComparisonInputs

    assert not ComparisonInputs.objects.exists()
    first = memo.inputs_key()
    assert memo.inputs_key() == first
    memo.touch()
    assert memo.inputs_key() != first


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_an_import_and_an_administrator_writing_at_once_never_deadlock():
    # given two indicators with a target each, as a plan import leaves them
    plan = Plan.objects.create(
        kind=PlanKind.ANNUAL,
        title="Kế hoạch thử",
        period_code="2026",
        source_name="thu",
        source_checksum="thu",
    )
    x1, x2 = (Indicator.objects.create(name=f"Chỉ tiêu {n}", key=f"thu|{n}") for n in (1, 2))
    t1, t2 = (
        Target.objects.create(
            plan=plan,
            indicator=x,
            period_code="2026",
            position=n,
            source_line=n,
            printed_name=x.name,
        )
        for n, x in enumerate((x1, x2))
    )
    a_started, b_started = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def importer():  # a long transaction saving targets one after another
        try:
            with transaction.atomic():
                t2.save()
                a_started.set()
                b_started.wait(5)
                time.sleep(0.3)  # the administrator's save is under way
                t1.save()  # its indicator's clock: the administrator holds it until commit
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    def administrator():  # saves the first indicator while the import runs
        try:
            a_started.wait(5)
            with transaction.atomic():
                x1.name = "Chỉ tiêu 1 (sửa)"
                b_started.set()
                x1.save()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=importer), threading.Thread(target=administrator)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    # then both commit (with one shared row updated, PostgreSQL aborted one as a deadlock)
    assert errors == []
    assert Indicator.objects.get(pk=x1.pk).name == "Chỉ tiêu 1 (sửa)"
