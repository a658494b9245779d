"""The statistics office's queue: each row names its indicator so that two of one name are told
apart, and says whether its figure counts and why, by figure_use's one rule (decision 0057)."""

from decimal import Decimal as D
from itertools import cycle

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chitieu.catalog.models import Indicator
from chitieu.organizations.models import Organization
from chitieu.reporting.figure_use import figure_uses
from chitieu.reporting.models import Figure
from chitieu.reporting.services import figure_transition

GRDP_SHARES = "Cơ cấu tổng sản phẩm trên địa bàn"
JOB_SHARES = "Tỷ trọng lao động có việc làm trong nền kinh tế"
ZONES = "Tỷ lệ khu công nghiệp, khu chế xuất"  # led by the border economic zone, NN&MT coordinates
COLUMNS = ["Chọn", "Chỉ tiêu", "Cơ quan", "Kỳ", "Giá trị", "Dùng để đánh giá", "Gửi lúc", ""]


def _rows(html: str) -> dict[int, dict[str, str]]:
    """The queue's rows by figure id, each cell under its column's heading, as a person reads it."""
    doc = lxml.html.fromstring(html)
    heads = [" ".join(" ".join(th.itertext()).split()) for th in doc.xpath("//table/thead/tr/th")]
    assert heads == COLUMNS
    out = {}
    for tr in doc.xpath("//table/tbody/tr[.//input[@name='figure']]"):
        cells = [" ".join(" ".join(td.itertext()).split()) for td in tr.xpath("./td")]
        out[int(tr.xpath(".//input[@name='figure']/@value")[0])] = dict(
            zip(heads, cells, strict=True)
        )
    return out


@pytest.fixture
def submitted(demo, enter, people, nnmt, forest):
    """NN&MT's figures sent to the statistics office: one it leads, one it coordinates, and the
    two "Dịch vụ" it reports through "Các sở, ban, ngành"."""

    def send(indicator, value):
        return figure_transition(
            user=people["reporter"], figure=enter(indicator, nnmt, value), action="submit"
        )

    return {
        "forest": send(forest, "66"),
        "zones": send(Indicator.objects.get(name__startswith=ZONES), "100"),
        "grdp": send(Indicator.objects.get(name="Dịch vụ", parent__name=GRDP_SHARES), "48"),
        "jobs": send(Indicator.objects.get(name="Dịch vụ", parent__name=JOB_SHARES), "30"),
    }


def test_each_row_names_its_indicator_apart_and_says_whether_it_counts_and_why(
    client, people, submitted
):
    client.force_login(people["reviewer"])
    rows = _rows(client.get(reverse("reporting:review")).content.decode())
    row = {name: rows[f.pk] for name, f in submitted.items()}
    # two "Dịch vụ" say which structure each is a share of; a name alone in the queue stays bare
    assert row["grdp"]["Chỉ tiêu"] == f"Dịch vụ ({GRDP_SHARES})"
    assert row["jobs"]["Chỉ tiêu"] == f"Dịch vụ ({JOB_SHARES})"
    assert row["forest"]["Chỉ tiêu"] == "Tỷ lệ che phủ rừng"
    # each row's reason, under its own column
    assert row["forest"]["Dùng để đánh giá"] == "Dùng để đánh giá: số liệu của cơ quan chủ trì"
    assert row["zones"]["Dùng để đánh giá"] == (
        "Không dùng để đánh giá: số liệu của cơ quan phối hợp; đánh giá dùng số liệu của cơ quan "
        "chủ trì (Ban Quản lý khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn) hoặc Thống kê tỉnh"
    )
    shared = row["jobs"]["Dùng để đánh giá"]
    assert shared.startswith("Không dùng để đánh giá: mục tiêu giao chung cho “Các sở, ban, ngành”")
    assert (
        row["jobs"]["Cơ quan"]
        == "Sở Nông nghiệp và Môi trường Phối hợp chung — không tính vào đánh giá"
    )
    # and it is figure_use's reason, the one the figure's page and the approval tell from
    uses = figure_uses(Figure.objects.select_related("organization").filter(pk__in=rows))
    assert {pk: r["Dùng để đánh giá"] for pk, r in rows.items()} == {
        pk: u.reason for pk, u in uses.items()
    }


def test_a_name_several_indicators_share_is_qualified_even_alone_in_the_queue(
    client, demo, enter, people, nnmt
):
    # given one "Dịch vụ" sent, the only one in the queue (the catalogue holds three)
    grdp = Indicator.objects.get(name="Dịch vụ", parent__name=GRDP_SHARES)
    assert Indicator.objects.filter(name="Dịch vụ").count() > 1
    figure_transition(user=people["reporter"], figure=enter(grdp, nnmt, "48"), action="submit")
    client.force_login(people["reviewer"])
    # when the statistics office opens its queue
    rows = _rows(client.get(reverse("reporting:review")).content.decode())
    # then the row says which "Dịch vụ" it is
    assert [r["Chỉ tiêu"] for r in rows.values()] == [f"Dịch vụ ({GRDP_SHARES})"]


def test_the_queue_asks_as_many_queries_for_many_rows_as_for_few(client, people, demo):
    # one figure per indicator, from the statistics office, agencies that lead, coordinate or
    # report through a group: the thirty hold two "Dịch vụ" and two "Nông, lâm nghiệp…"
    stats = Organization.objects.get(name="Thống kê tỉnh")
    agencies = list(Organization.objects.filter(kind="department").order_by("pk")[:4])
    indicators = Indicator.objects.filter(targets__isnull=False).distinct().order_by("pk")
    pairs = zip(indicators, cycle([stats, *agencies]), strict=False)

    def add(n: int) -> None:
        for _ in range(n):
            indicator, org = next(pairs)
            Figure.objects.create(
                indicator=indicator,
                organization=org,
                period_code="2026",
                vintage="official",
                value=D(1),
                status="submitted",
                submitted_at=timezone.now(),
            )

    client.force_login(people["reviewer"])
    url = reverse("reporting:review")
    add(3)
    client.get(url)  # the first request reads what a session keeps
    with CaptureQueriesContext(connection) as few:
        shown = client.get(url).content.decode()
    assert len(_rows(shown)) == 3
    add(27)
    with CaptureQueriesContext(connection) as many:
        shown = client.get(url).content.decode()
    named = [r["Chỉ tiêu"] for r in _rows(shown).values()]
    assert len(named) == 30 and f"Dịch vụ ({GRDP_SHARES})" in named
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
