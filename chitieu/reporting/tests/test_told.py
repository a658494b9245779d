"""The organisation that entered a figure is told in the application when it is approved or
returned; the plan list and the import page offer importing only to those who may import."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.notices.models import Notice
from chitieu.reporting.models import Figure
from chitieu.reporting.services import figure_transition


def _verified(forest, nnmt, value, vintage="estimate"):
    return Figure.objects.create(
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage=vintage,
        value=Decimal(value),
        status="verified",
    )


def test_approval_and_return_are_told_to_the_organisation_that_entered(demo, forest, nnmt, user_of):
    reporter = user_of("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    finance = get_user_model().objects.get(username="taichinh")
    figure = _verified(forest, nnmt, "64.5")
    figure_transition(user=finance, figure=figure, action="approve")
    told = Notice.objects.get(user=reporter)
    assert told.text == "Số liệu “Tỷ lệ che phủ rừng” năm 2026 (64,5) đã được duyệt và khóa."
    assert told.link == reverse("reporting:figure", args=[figure.pk])
    # a return says why
    other = _verified(forest, nnmt, "70", vintage="preliminary")
    figure_transition(
        user=finance, figure=other, action="return", reason="Chưa khớp số liệu Thống kê"
    )
    texts = list(Notice.objects.filter(user=reporter).values_list("text", flat=True))
    assert (
        "Số liệu “Tỷ lệ che phủ rừng” năm 2026 (70) bị trả lại: Chưa khớp số liệu Thống kê" in texts
    )
    # the finance department that acted is not told of its own act
    assert not Notice.objects.filter(user=finance, text__contains="Tỷ lệ che phủ rừng").exists()


def test_only_those_who_may_import_are_offered_it(demo, client):
    for username, offered in (
        ("yte", False),
        ("thongke", False),
        ("lanhdao", False),
        ("taichinh", True),
    ):
        client.force_login(get_user_model().objects.get(username=username))
        plans = client.get(reverse("web:plans")).content.decode()
        upload = client.get(reverse("imports:upload")).content.decode()
        assert ("Nhập phụ lục từ văn bản" in plans) is offered, username
        assert ("Đọc tệp và xem trước" in upload) is offered, username
        assert ("không nhập được tệp mới" in upload) is (not offered), username


def test_a_target_prints_its_unit_once(demo, client, forest):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    page = client.get(reverse("web:indicator", args=[forest.pk])).content.decode()
    assert "duy trì mức 65%" in page and "duy trì mức 65% %" not in page


def test_the_statistics_office_has_a_person_who_enters_its_own_figures(demo, client):
    client.force_login(get_user_model().objects.get(username="tknhap"))
    page = client.get(reverse("reporting:mine") + "?ky=2026").content.decode()
    assert "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)" in page
    assert 'name="value"' in page


def test_an_organisation_with_nothing_to_enter_is_not_told_it_sent_everything(demo, client):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    page = client.get(reverse("reporting:mine") + "?ky=2026").content.decode()
    assert "Không có chỉ tiêu nào phải nhập kỳ này, nên không có hạn gửi." in page
    assert "Đã nhập và gửi đủ" not in page
