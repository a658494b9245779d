"""In a real browser: on the entry page at desktop widths each row's “Lưu” stays on the line of its
inputs, not wrapped under them (decision 0059)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# per shown entry form: the vertical middle of its value box and the top and bottom of its button
LINES = """() => [...document.querySelectorAll('table.figures form.entry')]
  .filter(f => f.offsetParent !== null)
  .map(f => {
    const v = f.querySelector('input[name=value]').getBoundingClientRect();
    const b = f.querySelector('button').getBoundingClientRect();
    return {middle: v.top + v.height / 2, top: b.top, bottom: b.bottom, right: b.right,
            cell: f.closest('td').getBoundingClientRect().right};
  })"""


@pytest.mark.parametrize("width", [1366, 1280, 1024])
def test_the_save_button_stays_on_the_row_of_its_inputs(page, sign_in, width):
    call_command("load_demo", verbosity=0)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "nnmt")
    page.goto("/so-lieu/?ky=2026")
    forms = page.evaluate(LINES)
    assert len(forms) > 10
    for n, form in enumerate(forms):
        # the button's box spans the middle of the value box: the same line
        assert form["top"] <= form["middle"] <= form["bottom"], (n, form)
        assert form["right"] <= form["cell"] + 0.5, (n, form)  # and inside its cell
    # nothing wider than the window: the row fits, the page does not scroll sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= width
