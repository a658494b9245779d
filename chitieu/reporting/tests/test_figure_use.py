"""What figure_use says of a figure agrees with what counting does with it (decision 0057)."""

from decimal import Decimal as D

import pytest

from chitieu.catalog.choices import Role as RespRole
from chitieu.catalog.models import Indicator, Responsibility
from chitieu.organizations.models import Organization
from chitieu.reporting.counting import select
from chitieu.reporting.evaluation import responsible_for
from chitieu.reporting.figure_use import figure_uses
from chitieu.reporting.models import Figure

GROUP = "Các sở, ban, ngành"


@pytest.fixture
def population(demo):
    """ "Dân số" handed as a whole to "Các sở, ban, ngành" in every plan: the group leads, no
    agency is named (the entry page lists it among the indicators "giao chung")."""
    indicator = Indicator.objects.get(name="Dân số")
    group = Organization.objects.get(name=GROUP)
    targets = list(indicator.targets.exclude(kind=""))
    assert targets
    Responsibility.objects.filter(target__in=targets).delete()
    for t in targets:
        Responsibility.objects.create(target=t, organization=group, role=RespRole.LEAD)
    return indicator


def _approved(indicator, org_name: str, value: str) -> Figure:
    return Figure.objects.create(
        indicator=indicator,
        organization=Organization.objects.get(name=org_name),
        period_code="2026",
        vintage="official",
        value=D(value),
        status="approved",
    )


def test_a_figure_of_a_member_of_a_leading_group_is_said_not_to_count_and_why(population):
    # given a figure of the finance department, one of the group's members, and the statistics
    # office's for the same year
    member = _approved(population, "Sở Tài chính", "812")
    stats = _approved(population, "Thống kê tỉnh", "815")
    # when figure_use tells them
    uses = figure_uses([member, stats])
    # then the member's is not "not assigned" but assigned through the group, and does not count
    use = uses[member.pk]
    assert use.role == "Chủ trì chung"
    assert not use.counts and use.targets and not any(t.counts for t in use.targets)
    assert use.summary == (
        "Số liệu không được dùng để đánh giá mục tiêu nào: mục tiêu giao chung cho “Các sở, ban, "
        "ngành” (chủ trì), không nêu tên cơ quan; số liệu riêng của một cơ quan trong nhóm không "
        "được dùng, đánh giá dùng số liệu của Thống kê tỉnh."
    )
    assert uses[stats.pk].counts
    # and counting does as it says, target by target: the member's figure is never chosen
    for target in population.targets.exclude(kind=""):
        who = responsible_for(target)
        assert select([member], indicator_id=population.pk, responsible=who).values == {}
        both = select([member, stats], indicator_id=population.pk, responsible=who)
        assert both.values["2026"].figure == stats


def test_an_organisation_outside_the_group_is_still_not_assigned(population):
    commune = Organization.objects.filter(kind="commune").first()
    figure = _approved(population, commune.name, "1")
    use = figure_uses([figure])[figure.pk]
    assert (use.role, use.counts) == ("Xã, phường", False)
    assert all(t.why.startswith("cơ quan không được giao") for t in use.targets)
