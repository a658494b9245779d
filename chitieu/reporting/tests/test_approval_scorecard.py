"""What the queue, a figure's page, the scorecard and the overview tell people (decision 0053):
a sentence never contradicts its status, a score says how it was computed, a filter shows only
what it names."""

from datetime import date, datetime, time
from decimal import Decimal as D

import lxml.html
import pytest
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.catalog.models import Indicator, Plan, Target
from chitieu.core.calendar import VN
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Status
from chitieu.reporting.evaluation import Evaluation, Scorecard, evaluate_target, score_rules
from chitieu.reporting.models import Figure
from chitieu.reporting.views import OVERVIEW_TABLES


def _target(kind: str, *, period="2026-2030", unit="%", **bounds) -> Target:
    target = Target.objects.filter(plan__number="130/KH-UBND").exclude(kind="").first()
    target.kind, target.period_code, target.printed_unit = kind, period, unit
    target.low, target.high, target.value = (
        bounds.get("low"),
        bounds.get("high"),
        bounds.get("value"),
    )
    target.strict = False
    return target


def _figs(target: Target, *pairs) -> list[Figure]:
    stats = Organization.objects.get(name="Thống kê tỉnh")
    return [
        Figure(
            indicator=target.indicator,
            period_code=str(y),
            period_kind="year",
            vintage="official",
            value=D(str(v)),
            organization=stats,
            status="approved",
        )
        for y, v in pairs
    ]


# -- the sentences -------------------------------------------------------------------------------
def test_a_value_short_of_the_target_is_said_to_reach_it_only_so_far(demo):
    t = _target("exact", value=D(100))
    e = evaluate_target(t, _figs(t, (2026, "98.2")))
    assert e.status == Status.AT_RISK
    assert e.sentence.startswith("Mới đạt 98,2 % năm 2026; mục tiêu đạt 100 % đến 2030")
    at_the_end = evaluate_target(t, _figs(t, (2030, "98.2")))
    assert at_the_end.status == Status.MISSED
    assert at_the_end.sentence.startswith("Chỉ đạt 98,2 % năm 2030")
    met = evaluate_target(t, _figs(t, (2030, "100")))
    assert met.sentence.startswith("Đạt 100 % năm 2030")


def test_at_risk_only_for_want_of_a_trend_is_flagged_and_not_scored(demo):
    t = _target("exact", value=D(100))
    alone = evaluate_target(t, _figs(t, (2026, "98.2")))
    assert alone.status == Status.AT_RISK and alone.trend_unknown
    assert "chưa tính vào điểm của cơ quan chủ trì" in alone.sentence
    # with a baseline the trend decides, and the status counts
    trend = evaluate_target(t, _figs(t, (2025, "98.2"), (2026, "98.3")))
    assert trend.status == Status.AT_RISK and not trend.trend_unknown
    card = Scorecard(evaluations=[alone, trend])
    assert card.target_score == D(0) and len(card.judged) == 1 and card.unscored == [alone]
    assert "không tính 1 mục tiêu mới có số liệu một năm" in card.target_explanation


# -- the score -----------------------------------------------------------------------------------
def _evaluation(status: str) -> Evaluation:
    return Evaluation(Target(), status, "")


def test_a_missing_part_is_left_out_of_the_total_not_counted_as_nought():
    card = Scorecard(evaluations=[_evaluation(Status.NO_DATA)], due=2, on_time=1)
    assert card.target_score is None and card.timeliness_score == D(50)
    assert card.score == D(50)  # not 0,7 × 0 + 0,3 × 50 = 15
    assert card.score_explanation.startswith("Điểm tổng = điểm đúng hạn 50,0: chưa có mục tiêu")
    card = Scorecard(evaluations=[_evaluation(Status.ON_TRACK), _evaluation(Status.AT_RISK)])
    assert card.score == D(50) and "trọng số 70 % tính lại thành 100 %" in card.score_explanation
    card.due, card.on_time = 4, 1
    assert card.score == D("42.5")
    assert (
        card.score_explanation
        == "Điểm tổng = 70 % × 50,0 (chỉ tiêu) + 30 % × 25,0 (đúng hạn) = 42,5."
    )
    assert Scorecard().score is None and Scorecard().score_explanation.startswith("Chưa có điểm")


def test_the_targets_left_out_are_counted_by_status_as_the_status_bar_names_them():
    statuses = [Status.BASELINE] * 2 + [Status.NO_DATA] * 6 + [Status.ON_TRACK]
    card = Scorecard(evaluations=[_evaluation(s) for s in statuses])
    assert card.target_explanation == (
        "1/1 mục tiêu đã chấm ở trạng thái Đạt, Vượt hoặc Đúng tiến độ; không tính "
        "2 mục tiêu chưa có số liệu trong kỳ, 6 mục tiêu chưa có số liệu"
    )


def test_the_rules_state_the_deadline_as_the_working_calendar_moves_it():
    assert "hạn là ngày làm việc kế tiếp" in score_rules("next")[1]
    assert "hạn là ngày làm việc liền trước" in score_rules("previous")[1]
    assert "kể cả khi ngày đó là ngày nghỉ" in score_rules("none")[1]


@pytest.fixture
def leader(demo, client, user_of):
    client.force_login(user_of("UBND tỉnh Lạng Sơn", Role.LEADER))
    return client


def _text(html: str, xpath: str) -> str:
    """What a person reads in the first element at ``xpath``, cells and lines apart."""
    found = lxml.html.fromstring(html).xpath(xpath)
    return " ".join(" ".join(found[0].itertext()).split()) if found else ""


def test_the_scorecard_page_shows_how_its_total_was_computed(leader):
    org = Organization.objects.get(name="Sở Y tế")
    plan = Plan.objects.get(number="130/KH-UBND")
    html = leader.get(
        reverse("reporting:agency", args=[org.pk]) + f"?ke-hoach={plan.pk}"
    ).content.decode()
    score = _text(html, "//p[@class='score']")
    how = _text(html, "//p[@class='score-how']")
    # the demo: no target of the plan with figures in the period, so the total is the on-time
    # part alone (how much was due depends on the day: counted as the page counts it)
    from chitieu.core.numbers import format_number
    from chitieu.reporting.selectors import agency_scorecard

    card = agency_scorecard(org, plan)
    assert card.target_score is None and card.figures_due >= 2 and card.on_time < card.due
    on_time = format_number(D(100) * card.on_time / card.due, 1)
    assert score == (
        f"Điểm tổng: {on_time} · chỉ tiêu chưa tính được · đúng hạn {on_time} "
        f"({card.on_time}/{card.due})"
    )
    assert how.startswith(f"Điểm tổng = điểm đúng hạn {on_time}: chưa có mục tiêu chủ trì nào")
    assert f"Điểm đúng hạn: {card.on_time}/{card.due} số liệu, báo cáo đã quá hạn" in how
    assert "hạn là ngày làm việc kế tiếp" in _text(html, "//details")


# -- what was due (decision 0060) ------------------------------------------------------------------
PLAN_DUE = date(2026, 5, 7)  # 30 days after the plan of 07/04/2026, a Thursday
ON_A_DAY = datetime(2026, 12, 6, 12, tzinfo=VN)


def _quarterly_growth(org: Organization) -> Indicator:
    """The GRDP's growth, the one indicator of the demo reported each quarter, which NN&MT leads."""
    return (
        Indicator.objects.filter(
            reporting__frequency="quarter",
            targets__plan__number="130/KH-UBND",
            targets__responsibilities__organization=org,
        )
        .distinct()
        .get()
    )


def _grdp_items(card, grdp_growth) -> list[tuple[str, date, date | None, int]]:
    return [
        (o.period_code, o.deadline, o.sent_on, o.days_late)
        for o in card.late
        if o.indicator_id == grdp_growth.pk
    ]


def test_a_figure_not_sent_counts_against_the_agency_from_its_deadline(demo, nnmt):
    from chitieu.reporting.selectors import agency_scorecard

    # given NN&MT, which leads the GRDP's growth (quarterly) and has sent none of it
    plan = Plan.objects.get(number="130/KH-UBND")
    growth = _quarterly_growth(nnmt)
    # when its scorecard is read on 06/12/2026
    card = agency_scorecard(nnmt, plan, ON_A_DAY)
    # then each period due is counted as not sent: 2025 (the baseline) and the first quarters,
    # whose statutory deadlines fell before the plan, from thirty days after its adoption
    assert _grdp_items(card, growth) == [
        ("2025", PLAN_DUE, None, 213),
        ("2026-Q1", PLAN_DUE, None, 213),
        ("2026-Q2", date(2026, 7, 13), None, 146),  # 12/7 a Sunday
        ("2026-Q3", date(2026, 10, 12), None, 55),
    ]
    assert card.due >= card.figures_due >= 4 and card.on_time <= card.due - 4


def test_sending_late_does_not_score_below_not_sending_and_on_time_scores_above(demo, nnmt):
    from chitieu.reporting.selectors import agency_scorecard

    plan = Plan.objects.get(number="130/KH-UBND")
    growth = _quarterly_growth(nnmt)
    unsent = agency_scorecard(nnmt, plan, ON_A_DAY)
    # given the 2025 figure sent on 01/06/2026, after its deadline of 07/05/2026
    figure = Figure.objects.create(
        indicator=growth,
        organization=nnmt,
        period_code="2025",
        vintage="estimate",
        value=D("8.4"),
        status="submitted",
        submitted_at=datetime(2026, 6, 1, 9, tzinfo=VN),
    )
    late = agency_scorecard(nnmt, plan, ON_A_DAY)
    # then it is late by 25 days, and the score is what it was unsent: not lower
    assert _grdp_items(late, growth)[0] == ("2025", PLAN_DUE, date(2026, 6, 1), 25)
    assert (late.due, late.on_time, late.score) == (unsent.due, unsent.on_time, unsent.score)
    # when it had been sent on its (moved) deadline day, it counts as on time: the score rises
    Figure.objects.filter(pk=figure.pk).update(submitted_at=datetime(2026, 5, 7, 16, tzinfo=VN))
    in_time = agency_scorecard(nnmt, plan, ON_A_DAY)
    assert [p for p, *_ in _grdp_items(in_time, growth)] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert (in_time.due, in_time.on_time) == (unsent.due, unsent.on_time + 1)
    assert in_time.timeliness_score > unsent.timeliness_score


def test_a_figure_put_in_from_a_document_is_not_owed(demo, nnmt, forest):
    from chitieu.reporting.selectors import agency_scorecard

    # the demo's 2025 forest cover of NN&MT came from a document, approved, never sent
    assert Figure.objects.filter(
        indicator=forest, organization=nnmt, period_code="2025", submitted_at=None
    ).exists()
    card = agency_scorecard(nnmt, Plan.objects.get(number="130/KH-UBND"), ON_A_DAY)
    assert not [o for o in card.late if o.indicator_id == forest.pk]


def test_the_exported_scorecard_prints_the_same_on_time_count_as_the_page(demo, nnmt):
    from django.utils import timezone

    from chitieu.exports.reports import scorecard as scorecard_report
    from chitieu.reporting.selectors import agency_scorecard

    plan = Plan.objects.get(number="130/KH-UBND")
    card = agency_scorecard(nnmt, plan)
    intro = scorecard_report(nnmt, plan, timezone.localdate()).intro
    assert card.late and card.figures_due >= len(card.late)
    assert f"({card.timeliness_explanation})." in intro[1]
    assert "quá hạn chưa gửi" in card.timeliness_explanation


def test_the_scorecard_lists_late_and_missing_figures_each_named_apart(leader, nnmt, forest):
    from django.utils import timezone

    from chitieu.reporting.selectors import agency_scorecard

    plan = Plan.objects.get(number="130/KH-UBND")
    services = Indicator.objects.get(name="Dịch vụ", parent__name=GRDP_SHARES)
    # given everything NN&MT owes sent on its deadline day, but for its 2025 services share
    for o in agency_scorecard(nnmt, plan).late:
        if (o.indicator_id, o.period_code) != (services.pk, "2025"):
            Figure.objects.update_or_create(
                indicator_id=o.indicator_id,
                organization=nnmt,
                period_code=o.period_code,
                vintage="estimate",
                defaults={
                    "value": D(1),
                    "status": "submitted",
                    "submitted_at": datetime.combine(o.deadline, time(9), VN),
                },
            )
    # and its 2025 forest cover (put in from a document) sent three days after 07/05/2026
    Figure.objects.filter(indicator=forest, organization=nnmt, period_code="2025").update(
        submitted_at=datetime(2026, 5, 10, 9, tzinfo=VN)
    )
    # when the scorecard is read
    html = leader.get(
        reverse("reporting:agency", args=[nnmt.pk]) + f"?ke-hoach={plan.pk}"
    ).content.decode()
    doc = lxml.html.fromstring(html)
    (heading,) = doc.xpath("//h2[starts-with(., 'Số liệu không đúng hạn')]")
    items = heading.xpath("following-sibling::ul[1]/li")
    # then the late one says by how many days, and the one never sent says so, in the overdue
    # style, named apart from the catalogue's other "Dịch vụ" though alone on the page
    days = (timezone.localdate() - PLAN_DUE).days
    assert heading.text_content() == "Số liệu không đúng hạn (2)"
    assert [" ".join(li.text_content().split()) for li in items] == [
        f"Dịch vụ ({GRDP_SHARES}) năm 2025 (hạn 07/05/2026): chưa gửi, quá hạn {days} ngày",
        "Tỷ lệ che phủ rừng năm 2025 (hạn 07/05/2026): gửi 10/05/2026 trễ 3 ngày",
    ]
    assert [li.xpath("span[@class='st overdue']/text()") for li in items] == [
        [f"chưa gửi, quá hạn {days} ngày"],
        ["trễ 3 ngày"],
    ]


# -- the overview's filter -------------------------------------------------------------------------
def _row_statuses(html: str) -> list[str]:
    doc = lxml.html.fromstring(html)
    rows = doc.xpath("//h2[@id='tung-muc-tieu']/following-sibling::table[1]/tbody/tr")
    return [r.xpath("string(td[2]/span[1])").strip() for r in rows]


def test_each_status_count_links_to_only_the_targets_of_that_status(leader):
    OVERVIEW_TABLES.clear()
    plan = Plan.objects.get(number="130/KH-UBND")
    url = reverse("reporting:overview") + f"?ke-hoach={plan.pk}"
    whole = leader.get(url).content.decode()
    doc = lxml.html.fromstring(whole)
    chip = doc.xpath("//main//span[@class='bar'][1]/a[starts-with(., 'Chưa có số liệu trong kỳ')]")[
        0
    ]
    assert chip.text_content() == "Chưa có số liệu trong kỳ: 12"
    assert chip.get("href") == f"{url}&trang-thai=baseline#tung-muc-tieu"
    everything = _row_statuses(whole)
    assert everything.count("Chưa có số liệu trong kỳ") == 12 and len(everything) > 12
    # one tap: only the twelve, and the tables of the whole plan kept apart
    filtered = leader.get(chip.get("href")).content.decode()
    assert _row_statuses(filtered) == ["Chưa có số liệu trong kỳ"] * 12
    assert "Chỉ đang xem 12 mục tiêu" in _text(filtered, "//p[@class='filter']")
    assert plan.pk in OVERVIEW_TABLES and (plan.pk, "baseline") in OVERVIEW_TABLES
    # kept tables answer each address with its own rows, in either order
    assert _row_statuses(leader.get(url).content.decode()) == everything
    assert (
        _row_statuses(leader.get(chip.get("href")).content.decode())
        == ["Chưa có số liệu trong kỳ"] * 12
    )
    empty = leader.get(url + "&trang-thai=missed").content.decode()
    assert "Không có mục tiêu nào không đạt." in empty


def test_an_unknown_status_filter_is_refused_by_name(leader):
    response = leader.get(reverse("reporting:overview") + "?trang-thai=xau")
    assert response.status_code == 400


def test_a_plan_without_lead_agencies_says_why_it_has_no_agency_table(leader):
    plan = Plan.objects.exclude(targets__responsibilities__role="lead").get()
    html = leader.get(reverse("reporting:overview") + f"?ke-hoach={plan.pk}").content.decode()
    assert "Kế hoạch này không ghi cơ quan chủ trì cho mục tiêu nào" in _text(html, "//main")


# -- the queue and a figure's page -----------------------------------------------------------------
GRDP_SHARES = "Cơ cấu tổng sản phẩm trên địa bàn"
ZONES = "Tỷ lệ khu công nghiệp, khu chế xuất"  # led by the border economic zone, NN&MT coordinates


def _through(people, figure, *steps):
    from chitieu.reporting.services import figure_transition

    who = {"submit": "reporter", "verify": "reviewer", "approve": "compiler"}
    for step in steps:
        figure = figure_transition(user=people[who[step]], figure=figure, action=step)
    return figure


@pytest.fixture
def coordinated(demo, enter, people, nnmt):
    """A yearly figure entered by a coordinating agency, verified and waiting for approval."""
    from chitieu.catalog.models import Indicator

    zones = Indicator.objects.get(name__startswith=ZONES)
    return _through(people, enter(zones, nnmt, "100"), "submit", "verify")


def test_a_coordinating_agencys_approved_figure_is_said_not_to_count(client, people, coordinated):
    client.force_login(people["compiler"])
    # the queue says where the figure comes from, with its unit
    queue = client.get(reverse("reporting:review")).content.decode()
    row = _text(queue, f"//tbody/tr[contains(., '{ZONES}')]")
    assert "Sở Nông nghiệp và Môi trường Phối hợp — không tính vào đánh giá" in row
    assert "100 % (Chính thức)" in row and "Xem, duyệt" in row
    assert _text(queue, "//title").startswith("Chờ duyệt")
    # approving says truthfully that it does not count, and why
    response = client.post(
        reverse("reporting:action", args=[coordinated.pk, "approve"]), follow=True
    )
    said = _text(response.content.decode(), "//div[contains(@class, 'msg')]")
    assert "Đã duyệt và khóa:" in said
    assert "số liệu được dùng để đánh giá" not in said.lower().replace("không được dùng", "")
    assert (
        "Số liệu không được dùng để đánh giá mục tiêu nào: số liệu của cơ quan phối hợp; đánh giá "
        "dùng số liệu của cơ quan chủ trì (Ban Quản lý khu kinh tế cửa khẩu Đồng Đăng - Lạng "
        "Sơn) hoặc Thống kê tỉnh." in said
    )
    page = response.content.decode()
    assert "Không tính: số liệu của cơ quan phối hợp" in _text(
        page, "//table[contains(@class, 'targets')]"
    )


def test_a_lead_agencys_approved_figure_is_said_to_count(client, enter, people, forest, nnmt):
    figure = _through(people, enter(forest, nnmt, "66"), "submit", "verify")
    client.force_login(people["compiler"])
    response = client.post(reverse("reporting:action", args=[figure.pk, "approve"]), follow=True)
    said = _text(response.content.decode(), "//div[contains(@class, 'msg')]")
    assert "Số liệu được dùng để đánh giá" in said and "số liệu của cơ quan chủ trì" in said


def test_returning_a_figure_quotes_the_reason_typed(client, enter, people, forest, nnmt):
    # given a figure sent to the statistics office
    figure = _through(people, enter(forest, nnmt, "66"), "submit")
    client.force_login(people["reviewer"])
    # when the reviewer returns it with a reason
    response = client.post(
        reverse("reporting:action", args=[figure.pk, "return"]),
        {"reason": "  Chưa khớp số kiểm kê rừng  "},
        follow=True,
    )
    # then the message names the figure and quotes the reason, not the figure a second time
    said = _text(response.content.decode(), "//div[contains(@class, 'msg')]")
    assert said == (
        "Đã trả lại cho cơ quan nhập: Tỷ lệ che phủ rừng (năm 2026), 66 %. "
        "Lý do trả lại: “Chưa khớp số kiểm kê rừng”."
    )
    figure.refresh_from_db()
    assert figure.status == "returned"


def test_after_a_step_the_page_leads_to_the_next_figure_and_back_to_the_queue(
    client, enter, people, forest, nnmt, coordinated
):
    later = _through(people, enter(forest, nnmt, "66"), "submit", "verify")
    client.force_login(people["compiler"])
    response = client.post(
        reverse("reporting:action", args=[coordinated.pk, "approve"]), follow=True
    )
    doc = lxml.html.fromstring(response.content.decode())
    (onward,) = doc.xpath("//p[@class='queue-nav']/a[starts-with(., 'Số liệu tiếp theo')]")
    assert onward.get("href") == reverse("reporting:figure", args=[later.pk])
    (back,) = doc.xpath("//p[@class='queue-nav']/a[starts-with(., 'Về danh sách')]")
    assert (
        back.get("href") == reverse("reporting:review")
        and back.text_content() == "Về danh sách chờ duyệt"
    )


def test_a_figure_page_shows_the_earlier_periods_and_the_targets_to_check_against(
    client, enter, people, forest, nnmt
):
    figure = _through(people, enter(forest, nnmt, "66"), "submit")
    client.force_login(people["reviewer"])
    html = client.get(reverse("reporting:figure", args=[figure.pk])).content.decode()
    compare = _text(html, "//table[contains(@class, 'compare')]")
    assert "Năm trước Năm 2025 64,3 % Ước tính, đã duyệt (khóa)" in compare
    targets = _text(html, "//table[contains(@class, 'targets')]")
    assert "Giai đoạn 2026 - 2030" in targets and "Được dùng để đánh giá" in targets


def test_editing_a_verified_figure_says_it_waits_for_approval(enter, people, forest, nnmt):
    from chitieu.reporting.services import FigureError

    figure = _through(people, enter(forest, nnmt, "66"), "submit", "verify")
    with pytest.raises(FigureError, match="đang chờ Sở Tài chính duyệt"):
        enter(forest, nnmt, "67")
    assert Figure.objects.get(pk=figure.pk).value == D(66)


# -- part of a year ---------------------------------------------------------------------------------
def test_a_year_with_part_year_figures_only_names_them_and_keeps_its_status(demo):
    t = _target("exact", value=D(10000), period="2026", unit="Tỷ đồng")
    h1, september, q1 = _figs(t, ("2026-H1", "2380"), ("2026-09", "320"), ("2026-Q1", "1000"))
    for f, kind in ((h1, "h1"), (september, "month"), (q1, "quarter")):
        f.period_kind, f.vintage = kind, "estimate"
    e = evaluate_target(t, [], part_year=[h1, september, q1])
    assert e.status == Status.NO_DATA and e.value is None
    assert e.sentence == (
        "Chưa có số liệu cả năm; 6 tháng đầu năm 2026: 2.380 Tỷ đồng (ước tính); tháng 9/2026: "
        "320 Tỷ đồng (ước tính); mục tiêu đạt 10.000 Tỷ đồng (năm 2026)."
    )
    # a part-year figure not yet approved is not named on the signed basis
    h1.status = "verified"
    assert evaluate_target(t, [], part_year=[h1]).sentence.startswith("Chưa có số liệu; mục tiêu")


def test_the_tourism_revenue_page_names_its_approved_half_year(leader):
    from chitieu.catalog.models import Indicator

    tourism = Indicator.objects.get(name="Tổng thu từ khách du lịch")
    html = leader.get(reverse("web:indicator", args=[tourism.pk])).content.decode()
    row = _text(html, "//table[.//th='Giải thích']/tbody/tr[contains(., '130/KH-UBND')]")
    assert "Chưa có số liệu Chưa có số liệu cả năm; 6 tháng đầu năm 2026: 2.380 Tỷ đồng" in row


# -- several at once ------------------------------------------------------------------------------
def test_several_ticked_figures_are_approved_together_each_audited(
    client, enter, people, forest, nnmt, coordinated
):
    from chitieu.reporting.models import FigureAudit

    lead = _through(people, enter(forest, nnmt, "66"), "submit", "verify")
    client.force_login(people["compiler"])
    queue = client.get(reverse("reporting:review")).content.decode()
    assert "Duyệt và khóa các số liệu đã chọn" in queue
    response = client.post(
        reverse("reporting:review_together"),
        {"action": "approve", "figure": [lead.pk, coordinated.pk]},
        follow=True,
    )
    said = _text(response.content.decode(), "//main")
    assert "Đã duyệt và khóa 2 số liệu." in said
    assert "không được dùng để đánh giá" in said and "của Sở Nông nghiệp và Môi trường" in said
    for f in (lead, coordinated):
        assert Figure.objects.get(pk=f.pk).status == "approved"
        assert FigureAudit.objects.filter(figure_id=f.pk, action="approve").count() == 1


def test_together_is_all_or_none_and_names_the_figure_refused(
    client, enter, people, forest, nnmt, coordinated
):
    submitted_only = _through(people, enter(forest, nnmt, "66"), "submit")
    client.force_login(people["compiler"])
    response = client.post(
        reverse("reporting:review_together"),
        {"action": "approve", "figure": [coordinated.pk, submitted_only.pk]},
        follow=True,
    )
    said = _text(response.content.decode(), "//div[contains(@class, 'msg')]")
    assert said.startswith("“Tỷ lệ che phủ rừng” (năm 2026): Không thể duyệt")
    assert "Chưa số liệu nào được duyệt." in said
    assert Figure.objects.get(pk=coordinated.pk).status == "verified"  # undone with the other


def test_together_names_each_figure_under_its_own_reason(
    client, enter, people, forest, nnmt, coordinated
):
    from chitieu.catalog.models import Indicator

    # a quarter figure is left out for being under a year, not for coming from an agency that
    # does not lead (the figure page's sentence, not one blanket reason for all)
    grdp = (  # Tốc độ tăng GRDP bình quân, reported each quarter
        Indicator.objects.filter(
            name__startswith="Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình"
        )
        .order_by("pk")
        .first()
    )
    quarter = _through(people, enter(grdp, nnmt, "6,5", period="2026-Q3"), "submit", "verify")
    client.force_login(people["compiler"])
    response = client.post(
        reverse("reporting:review_together"),
        {"action": "approve", "figure": [quarter.pk, coordinated.pk]},
        follow=True,
    )
    said = [
        " ".join(m.text_content().split())
        for m in lxml.html.fromstring(response.content.decode()).xpath(
            "//div[contains(@class, 'msg')]"
        )
    ]
    under_year = [m for m in said if "Tốc độ tăng tổng sản phẩm" in m]
    assert len(under_year) == 1
    assert "Số liệu dưới một năm không dùng để tính trạng thái mục tiêu" in under_year[0]
    assert "(quý III/2026)" in under_year[0]  # the period as printed, not "quý iii/2026"
    assert "không phải số liệu của cơ quan chủ trì" not in under_year[0]
    assert ZONES not in under_year[0]
    zones = [m for m in said if ZONES in m]
    assert len(zones) == 1 and "số liệu của cơ quan phối hợp" in zones[0]


def test_a_figure_after_its_indicators_targets_ended_says_which_periods_they_were(demo):
    from chitieu.catalog.models import Indicator
    from chitieu.reporting.figure_use import figure_uses

    # "Tổng vốn đầu tư phát triển trên địa bàn" (Nghìn tỷ đồng) has a target for 2024 only
    [invest] = [
        i
        for i in Indicator.objects.filter(name="Tổng vốn đầu tư phát triển trên địa bàn")
        if set(i.targets.exclude(kind="").values_list("period_code", flat=True)) == {"2024"}
    ]
    figure = Figure(
        indicator=invest,
        organization=Organization.objects.get(name="Thống kê tỉnh"),
        period_code="2026",
        value=D(60),
    )
    figure.pk = 0
    use = figure_uses([figure])[0]
    assert not use.counts
    assert use.summary == (
        "Chỉ tiêu không có mục tiêu cho năm 2026 (các mục tiêu của nó thuộc kỳ đã qua: năm 2024), "
        "nên số liệu này chưa được dùng để đánh giá."
    )
