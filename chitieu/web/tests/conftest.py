"""What the web app's browser tests share."""

from __future__ import annotations

import pytest


@pytest.fixture
def tab_of(chromium, live_server):
    """A signed-in tab of a given size; touch when phone-sized."""
    contexts = []

    def make(viewport, user="lanhdao"):
        phone = viewport["width"] < 600
        context = chromium.new_context(
            base_url=live_server.url,
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            locale="vi-VN",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.js_errors = errors
        tab.goto("/dang-nhap/")
        tab.get_by_label("Tên đăng nhập").fill(user)
        tab.get_by_label("Mật khẩu").fill("chitieu-demo")
        tab.get_by_role("button", name="Đăng nhập").click()
        tab.wait_for_load_state()
        return tab

    yield make
    for context in contexts:
        context.close()
