"""The icon: every page links it, and /favicon.ico answers without a login."""

import pytest
from django.contrib.staticfiles import finders


def test_favicon_ico_sends_browsers_to_the_svg_without_a_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("/favicon.svg")
    assert finders.find("favicon.svg")


@pytest.mark.django_db
def test_every_page_links_the_icon(client):
    html = client.get("/dang-nhap/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
