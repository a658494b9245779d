"""The header's links are reversed once per URL configuration and script prefix."""

from django.urls import get_script_prefix, reverse, set_script_prefix

from chitieu.web.templatetags.nav import LINKS, nav_links


def test_header_links_are_the_reversed_addresses():
    assert nav_links() == {key: reverse(name) for key, name in LINKS.items()}


def test_a_site_served_under_a_prefix_gets_prefixed_links():
    before = get_script_prefix()
    try:
        set_script_prefix("/chitieu/")
        prefixed = nav_links()
    finally:
        set_script_prefix(before)
    assert prefixed["plans"] == "/chitieu" + reverse("web:plans")
    assert nav_links()["plans"] == reverse("web:plans")
