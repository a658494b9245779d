"""The figure's trail reads in the reporter's words: "Nháp → Đã gửi", not "draft → submitted"."""

from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.reporting.services import figure_save, figure_transition


def test_the_trail_names_statuses_in_vietnamese(demo, client, user_of, forest, nnmt):
    reporter = user_of(nnmt.name, Role.REPORTER)
    figure = figure_save(
        user=reporter,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="estimate",
        value="65",
        expected_revision=0,
    ).figure
    figure_transition(user=reporter, figure=figure, action="submit")
    client.force_login(reporter)
    html = client.get(reverse("reporting:figure", args=[figure.pk])).content.decode()
    trail = html[html.index("<tbody>", html.index("Nhật ký")) :]
    assert "<td>Nháp</td>" in trail  # created as a draft
    assert "<td>Nháp → Đã gửi</td>" in trail
    assert "draft" not in trail and "submitted" not in trail


def test_the_admin_reads_the_trail_in_vietnamese_too(
    demo, client, user_of, admin_user, forest, nnmt
):
    reporter = user_of(nnmt.name, Role.REPORTER)
    figure = figure_save(
        user=reporter,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="estimate",
        value="65",
        expected_revision=0,
    ).figure
    figure_transition(user=reporter, figure=figure, action="submit")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:reporting_figureaudit_changelist")).content.decode()
    assert "Nháp → Đã gửi" in listing and "draft" not in listing
    entry = figure.audit.order_by("id").last()
    page = client.get(
        reverse("admin:reporting_figureaudit_change", args=[entry.pk])
    ).content.decode()
    assert "Nháp → Đã gửi" in page and "Ước tính" in page
    assert "submitted" not in page and "estimate" not in page
