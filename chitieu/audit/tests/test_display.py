"""The shared trail shown in words: field names and choice labels, not stored codes."""

from chitieu.audit.display import changes


def test_a_change_is_shown_with_the_fields_and_the_choices_in_vietnamese(db):
    rows = changes("plan", {"status": "active", "title": "A"}, {"status": "archived", "title": "A"})
    assert rows == [("trạng thái", "Đang thực hiện", "Đã kết thúc")]


def test_an_entity_or_field_it_does_not_know_is_shown_as_stored(db):
    assert changes("unknown", {"x": 1}, {"x": 2}) == [("x", "1", "2")]
    assert changes("plan", None, {"gone": "y"}) == [("gone", "—", "y")]
