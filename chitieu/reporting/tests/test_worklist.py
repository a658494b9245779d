"""The reporter's list: read by plain SQL, shown by rows built in Python; what they give."""

from decimal import Decimal as D

import pytest
from django.template import Context

from chitieu.access.choices import Role
from chitieu.access.permissions import reportable_indicators
from chitieu.catalog.models import Indicator, Responsibility
from chitieu.core.periods import Period
from chitieu.organizations.models import Organization
from chitieu.reporting.services import figure_save, figure_transition
from chitieu.reporting.templatetags.entry import figure_rows
from chitieu.reporting.worklist import due_row, my_figures


def test_the_list_holds_every_indicator_the_organisation_may_report_as_the_orm_reads_it(demo):
    for org in Organization.objects.exclude(kind="group"):
        worklist = my_figures(org, "2026")
        # the shared ones keep the order of reportable_indicators: by group, then by name
        expected = reportable_indicators(org)
        assert sorted(r.indicator.pk for r in worklist.rows) == sorted(i.pk for i in expected)
        shared = {r.indicator.pk for r in worklist.shared}
        assert [r.indicator.pk for r in worklist.shared if not r.todo] == [
            i.pk for i in expected if i.pk in shared and not due_row(org, "2026", i).todo
        ]
    # each indicator read by plain SQL is the one the ORM reads, to the type of each field
    for row in my_figures(Organization.objects.get(name="Sở Y tế"), "2026").rows:
        stored = Indicator.objects.get(pk=row.indicator.pk)
        for field in Indicator._meta.concrete_fields:
            mine, theirs = getattr(row.indicator, field.attname), getattr(stored, field.attname)
            assert (mine, type(mine)) == (theirs, type(theirs)), field.name


def test_a_row_sits_under_the_most_recent_plan_naming_the_organisation(demo, nnmt):
    for section in my_figures(nnmt, "2026").sections:
        for _, rows in section.groups:
            for row in rows:
                naming = {
                    r.target.plan
                    for r in Responsibility.objects.filter(
                        organization=nnmt, target__indicator=row.indicator
                    )
                    .exclude(target__kind="")
                    .select_related("target__plan")
                }
                newest = max(p.issued_on for p in naming if p.issued_on)
                assert row.plan.issued_on == newest
                assert set(row.also_in) == naming - {row.plan}


@pytest.fixture
def returned(demo, user_of, forest, nnmt):
    """A figure of the forest cover sent back, with a reason and a comment that hold markup."""
    reporter = user_of("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    figure = figure_save(
        user=reporter,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="preliminary",
        value=D("64.5"),
        comment='<b>tăng</b> & "mới"',
        source="Cục <TK>",
        expected_revision=0,
    ).figure
    figure_transition(user=reporter, figure=figure, action="submit")
    figure_transition(
        user=user_of("Thống kê tỉnh", Role.REVIEWER),
        figure=figure,
        action="return",
        reason="sai <đơn vị>",
    )
    figure.refresh_from_db()
    return figure


def _render(rows, *, can_edit=True, notice=None):
    context = Context(
        {
            "period": Period.parse("2026"),
            "can_edit": can_edit,
            "next": "/so-lieu/?ky=2026",
            "csrf_token": "TOKEN",
            "notice": notice,
        }
    )
    return str(figure_rows(context, rows))


def test_a_returned_figure_shows_its_reason_the_send_button_and_the_form_filled(
    returned, forest, nnmt
):
    html = _render([due_row(nnmt, "2026", forest)])
    assert '64,5</a> sơ bộ — <span class="st returned">Trả lại</span>' in html
    assert "Lý do trả lại: sai &lt;đơn vị&gt;" in html
    assert html.count('name="csrfmiddlewaretoken" value="TOKEN"') == 2  # send, and save
    assert '<option value="preliminary" selected>Sơ bộ</option>' in html
    assert f'name="revision" value="{returned.revision}"' in html
    assert 'value="&lt;b&gt;tăng&lt;/b&gt; &amp; &quot;mới&quot;"' in html
    assert 'value="Cục &lt;TK&gt;"' in html and 'id="gia-tri-' in html
    assert '<span class="todo-tag">Bị trả lại</span>' in html
    # a reader: the figures and the notice, no form
    html = _render([due_row(nnmt, "2026", forest)], can_edit=False, notice={"ok": "Đã <lưu>"})
    assert "<form" not in html and "Trả lại" in html
    assert '<p class="field-ok" role="status">Đã &lt;lưu&gt;</p>' in html


def test_a_refused_entry_keeps_what_was_typed_and_points_at_the_error(demo, forest, nnmt):
    typed = {"vintage": "official", "value": "1<2", "comment": "", "source": ""}
    notice = {"error": "Sai.", "entry": typed, "conflict": {"mine": "1<2", "theirs": "3"}}
    html = _render([due_row(nnmt, "2026", forest)], notice=notice)
    assert '<option value="official" selected>' in html and 'value="1&lt;2"' in html
    assert 'aria-invalid="true"' in html and "autofocus" in html
    assert "Sai. Bạn nhập 1&lt;2, hiện đang lưu 3: hãy kiểm tra" in html
    assert '<span class="muted">chưa nhập</span>' in html and 'revision" value="0"' in html
