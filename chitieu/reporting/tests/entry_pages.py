"""What the entry page's tests share: the day they are judged on, the page read as HTML, and a
draft saved for a row."""

from __future__ import annotations

from datetime import date

import lxml.html
from django.urls import reverse

from chitieu.reporting.services import figure_save
from chitieu.reporting.worklist import my_figures

TODAY = date(2026, 12, 6)


def page(client, ky: str) -> lxml.html.HtmlElement:
    response = client.get(reverse("reporting:mine") + f"?ky={ky}")
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def shared_indicator(nnmt):
    return my_figures(nnmt, "2025").shared[0].indicator


def draft(people, indicator, org, period):
    return figure_save(
        user=people["reporter"],
        indicator=indicator,
        organization=org,
        period_code=period,
        vintage="estimate",
        value="12",
        expected_revision=0,
    ).figure
