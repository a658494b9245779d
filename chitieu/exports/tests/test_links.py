"""The pages offer their tables as documents, and each link answers with the file."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from chitieu.catalog.models import Plan
from chitieu.organizations.models import Organization

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def leader(client):
    call_command("load_demo", verbosity=0)
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    return client


def _links(html: str, prefix: str) -> list[str]:
    return sorted(set(re.findall(rf'href="({re.escape(prefix)}[^"]*)"', html)))


def test_plan_overview_and_scorecard_link_their_documents(leader):
    plan = Plan.objects.get(number="130/KH-UBND")
    org = Organization.objects.get(name="Sở Nông nghiệp và Môi trường")
    pages = [
        reverse("web:plan", args=[plan.pk]),
        reverse("reporting:overview") + f"?ke-hoach={plan.pk}",
        reverse("reporting:agency", args=[org.pk]) + f"?ke-hoach={plan.pk}",
    ]
    for url in pages:
        links = _links(leader.get(url).content.decode(), "/xuat/")
        assert len(links) == 3, (url, links)
        word = next(link for link in links if ".docx" in link).replace("&amp;", "&")
        answer = leader.get(word)
        assert answer.status_code == 200 and answer["Content-Type"] == DOCX, word
        assert answer.content[:2] == b"PK"
