"""The crosscheck pages read in a fixed number of queries, however many links and notes exist."""

import pytest

from chitieu.crosscheck.selectors import crosscheck_report
from chitieu.crosscheck.services import (
    finding_explain,
    indicator_link_confirm,
    plan_amendment_record,
)

# session, user, membership (role), the header's role and unread notices, then the page's reads;
# the findings and the proposed links read their key, then their inputs when the key is new
BASELINE = {
    "/doi-chieu/": 17,
    "/doi-chieu/?theo=chi-tieu": 17,
    "/doi-chieu/lien-ket/": 13,
    "/doi-chieu/song-song/": 5,
}
# the same pages once this process has computed the findings and links for the current key
KEPT = {
    "/doi-chieu/": 8,
    "/doi-chieu/?theo=chi-tieu": 8,
    "/doi-chieu/lien-ket/": 6,
    "/doi-chieu/song-song/": 5,
}


@pytest.mark.parametrize(("url", "count"), BASELINE.items())
def test_each_page_keeps_its_query_count_as_decisions_grow(
    client, plans, taichinh, indicator, django_assert_num_queries, url, count
):
    client.force_login(taichinh)
    with django_assert_num_queries(count):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(KEPT[url]):
        assert client.get(url).status_code == 200
    for a, b in [
        (("000", "Tỷ lệ che phủ rừng"), ("001", "Tỷ lệ che phủ của rừng")),
        (("000", "Tổng sản phẩm trên địa bàn (GRDP)"), ("003", "Tổng sản phẩm trên địa bàn")),
        (("000", "Tổng lượng khách du lịch đến năm 2030"), ("003", "Lượng khách du lịch")),
    ]:
        indicator_link_confirm(
            user=taichinh, a=indicator(plans[a[0]], a[1]), b=indicator(plans[b[0]], b[1])
        )
    for f in crosscheck_report().findings[:5]:
        finding_explain(user=taichinh, key=f.key, note="Đã rà soát")
    # targets replaced by an amendment are followed without a query each
    plan_amendment_record(user=taichinh, plan=plans["003"], amends=plans["000"], scope="whole")
    with django_assert_num_queries(count):
        assert client.get(url).status_code == 200
