"""The two long tables built in Python (the indicator's figures, the plan's appendix) print what
the data says, escaped, and follow a change at once."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from chitieu.catalog.models import Plan
from chitieu.reporting.models import Figure


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def _row(html, marker):
    end = html.index(marker)
    return html[html.rindex("<tr", 0, end) : html.index("</tr>", end)]


def test_a_figure_row_prints_period_value_vintage_agency_person_status_and_source(
    demo, client, django_user_model
):
    # given a figure entered by a person, with a source that looks like markup
    figure = Figure.objects.filter(indicator__name="Tỷ lệ che phủ rừng", period_code="2025").first()
    person = django_user_model.objects.get(username="nnmt")
    Figure.objects.filter(pk=figure.pk).update(
        value=Decimal("1234.5"), entered_by=person, source="Báo cáo <số 7>"
    )
    client.force_login(person)
    url = reverse("web:indicator", args=[figure.indicator_id])
    # when the indicator's page is drawn
    row = _row(client.get(url).content.decode(), reverse("reporting:figure", args=[figure.pk]))
    # then its row says each thing, in Vietnamese and escaped
    figure.refresh_from_db()
    for text in [
        '<td class="lead">Năm 2025</td>',
        ">1.234,5</a>",
        f'<td data-label="Cơ quan">{figure.organization.name}</td>',
        '<td data-label="Người nhập">nnmt · ',
        f'<td data-label="Trạng thái">{figure.get_status_display()}</td>',
        f'<td class="lead">{figure.get_vintage_display()}</td>',
        '<td class="muted wide" data-label="Nguồn">Báo cáo &lt;số 7&gt;</td>',
    ]:
        assert text in row, text
    # and a new value and a figure nobody is recorded for show on the next request
    Figure.objects.filter(pk=figure.pk).update(value=Decimal("66"), entered_by=None)
    row = _row(client.get(url).content.decode(), reverse("reporting:figure", args=[figure.pk]))
    assert ">66</a>" in row and '<td data-label="Người nhập">— · ' in row


def test_the_appendix_marks_an_amendment_a_former_agency_and_unknown_names(
    demo, client, django_user_model
):
    # given a row of plan 130 replaced by a row of plan 136, led by an agency that was merged
    # away, with a coordinating name nobody recognised
    plan = Plan.objects.get(number="130/KH-UBND")
    later = Plan.objects.get(number="136/QĐ-UBND").targets.exclude(kind="").first()
    target = plan.targets.exclude(kind="").order_by("position").first()
    target.superseded_by = later
    target.unresolved_agencies = ["Ban <Dân tộc>"]
    target.save()
    lead = target.responsibilities.filter(role="lead").first().organization
    lead.active = False
    lead.save()
    client.force_login(django_user_model.objects.get(username="lanhdao"))
    # when the plan's page is drawn
    row = _row(
        client.get(reverse("web:plan", args=[plan.pk])).content.decode(),
        f'id="dong-{target.position}"',
    )
    # then the row says so
    assert (
        f'<div class="small amended">Đã sửa đổi tại {later.plan}: {later.printed_text}</div>' in row
    )
    assert f'class="org old">{lead.name}</a>' in row
    assert '<div class="unresolved">Chưa nhận ra: Ban &lt;Dân tộc&gt;</div>' in row
    assert f'href="{reverse("web:organization", args=[lead.pk])}"' in row
