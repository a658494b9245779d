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
