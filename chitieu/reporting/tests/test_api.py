"""The figures API: writes are revision-checked and permission-checked like the form."""

from decimal import Decimal as D

import pytest

from chitieu.access.choices import Role
from chitieu.reporting.models import Figure, FigureAudit

URL = "/api/figures/"


@pytest.fixture
def api(client, user_of, nnmt):
    client.force_login(user_of(nnmt.name, Role.REPORTER))
    return client


def _create(api, forest, nnmt, **extra):
    body = {
        "indicator": forest.pk,
        "organization": nnmt.pk,
        "period_code": "2026",
        "vintage": "estimate",
        "value": "65,2",
        **extra,
    }
    return api.post(URL, body, content_type="application/json")


def test_create_needs_the_revision_and_refuses_without_it(api, forest, nnmt):
    response = _create(api, forest, nnmt)
    assert response.status_code == 400
    assert response.json()["revision"] == [
        "Thiếu lần sửa của số liệu (revision), nên không biết bạn đã thấy giá trị nào; chưa lưu. "
        "Hãy mở lại trang hoặc tải mẫu Excel mới rồi nhập lại, để không ghi đè số liệu người khác "
        "vừa sửa."
    ]
    assert not Figure.objects.filter(indicator=forest, period_code="2026").exists()
    response = _create(api, forest, nnmt, revision=0)
    assert response.status_code == 201
    assert response.json()["value"] == 65.2 and response.json()["revision"] == 1


def test_an_update_from_an_old_revision_is_a_409_with_the_current_value(api, forest, nnmt):
    pk = _create(api, forest, nnmt, revision=0).json()["id"]
    ok = api.put(f"{URL}{pk}/", {"value": "66", "revision": 1}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["revision"] == 2
    stale = api.put(f"{URL}{pk}/", {"value": "67", "revision": 1}, content_type="application/json")
    assert stale.status_code == 409
    assert stale.json()["current"]["value"] == 66 and stale.json()["attempted"] == "67"
    missing = api.patch(f"{URL}{pk}/", {"value": "68"}, content_type="application/json")
    assert missing.status_code == 400 and "revision" in missing.json()
    assert Figure.objects.get(pk=pk).value == D(66)
    assert FigureAudit.objects.filter(figure_id=pk).count() == 2


def test_a_bad_value_is_a_400_in_vietnamese(api, forest, nnmt):
    response = _create(api, forest, nnmt, revision=0, value="140")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Giá trị: 140 nằm ngoài khoảng 0 - 100")


def test_another_agency_cannot_write_and_the_list_filters(client, user_of, forest, nnmt):
    client.force_login(user_of("Sở Y tế", Role.REPORTER))
    response = _create(client, forest, nnmt, revision=0)
    assert response.status_code == 403
    assert "không được nhập số liệu của Sở Nông nghiệp và Môi trường" in response.json()["detail"]
    listed = client.get(URL, {"indicator": forest.pk, "period_code": "2025"})
    assert listed.status_code == 200
    assert {f["indicator"] for f in listed.json()} == {forest.pk} and listed.json()
    assert client.get(URL, {"indicator": "abc"}).status_code == 400


def test_the_api_needs_login(client, demo):
    assert client.get(URL).status_code in (401, 403)
