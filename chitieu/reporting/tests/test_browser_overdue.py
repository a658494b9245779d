"""In a real browser: an overdue deadline on the entry page reads as a status of its own, in
words, with a contrast of at least 4,5:1 (WCAG AA), on a phone as on a desktop (decision 0058)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# the WCAG contrast of an element's text on its own background
CONTRAST = """el => {
  const rgb = c => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const s = getComputedStyle(el);
  const [a, b] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_an_overdue_deadline_is_marked_in_words_and_readable(request, sign_in, axe_check, size):
    call_command("load_demo", verbosity=0)
    tab = request.getfixturevalue("phone" if size == "phone" else "page")
    sign_in(tab, "nnmt")
    # 2020's figures were due long ago and some are still to enter
    tab.goto("/so-lieu/?ky=2020")
    mark = tab.locator("#todo-total .st.overdue")
    assert mark.is_visible()
    assert mark.inner_text().startswith("quá hạn ") and mark.inner_text().endswith(" ngày")
    assert mark.evaluate(CONTRAST) >= 4.5
    # a badge, like the site's other statuses: a background and a border, not a colour alone
    style = mark.evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).borderTopStyle]"
    )
    assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent") and style[1] == "solid"
    axe_check(tab)
