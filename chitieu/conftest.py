"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent / "demo" / "seeds"
SEED_000 = "000_2572cdf0c591401d.txt"
SEED_001 = "001_f2f7cc9a5a75b946.txt"


@pytest.fixture(scope="session")
def seed_bytes():
    def read(name: str) -> bytes:
        return (SEEDS / name).read_bytes()

    return read


@pytest.fixture(scope="session")
def directory():
    from chitieu.importers.agencies import Directory

    return Directory.default()


# --- Browser tests --------------------------------------------------------------------------
# Tests marked ``browser`` drive Debian's Chromium through Playwright against ``live_server``.
# They assert what a person sees (visible, in the viewport, drawn), and write a screenshot of
# each step under ``artefacts/screenshots/``. Without Chromium or Playwright they are skipped
# with the reason printed, never silently passed.

CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = Path(__file__).resolve().parent.parent / "artefacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "chưa cài Playwright (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return f"không có Chromium tại {CHROMIUM} (apt-get install chromium)"
    return ""


def pytest_collection_modifyitems(config, items):
    reason = _browser_missing()
    if not reason:
        return
    skip = pytest.mark.skip(reason=f"Bỏ qua kiểm thử trình duyệt: {reason}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    reason = _browser_missing()
    if reason:
        terminalreporter.write_line(f"Kiểm thử trình duyệt bị bỏ qua: {reason}", yellow=True)


@pytest.fixture(scope="session")
def chromium():
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on the test thread; the ORM calls the tests make
    # around it are synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, request):
    """A fresh browser tab (desktop size, Vietnamese locale) on the live server."""
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.js_errors = errors
    yield tab
    context.close()


@pytest.fixture
def phone(chromium, live_server):
    """A tab the size of a phone (390 × 844, touch)."""
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def shot(request):
    """Save a screenshot of a step: ``shot(page, "nhap-so-lieu-loi")`` → artefacts/screenshots/."""

    def take(tab, name: str, full_page: bool = False) -> Path:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTEFACTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture
def sign_in():
    """Log a tab in through the login form, as a person would."""

    def login(tab, username: str, password: str = "chitieu-demo") -> None:
        tab.goto("/dang-nhap/")
        tab.get_by_label("Tên đăng nhập").fill(username)
        tab.get_by_label("Mật khẩu").fill(password)
        tab.get_by_role("button", name="Đăng nhập").click()
        tab.wait_for_load_state()

    return login


@pytest.fixture
def axe_check():
    """Run axe-core on the tab; fail on any serious or critical violation, naming each."""

    def check(tab) -> None:
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(tab)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in results.response["violations"]
            if v.get("impact") in {"serious", "critical"}
        ]
        assert not bad, "\n".join(bad)

    return check
