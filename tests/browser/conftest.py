"""Playwright drives Debian's chromium (never a downloaded browser); each user gets their own context."""

import os
import shutil

import pytest

from tests.conftest import IN_CI

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "correct horse battery"


def _reducing_motion(open_page_or_context):
    """Open with "prefers-reduced-motion": Bootstrap then drops its colour transitions, so axe measures a
    just-clicked button's final colours rather than a frame of its transition."""
    def open_(**options):
        options.setdefault("reduced_motion", "reduce")
        return open_page_or_context(**options)
    return open_


@pytest.fixture
def browser(monkeypatch):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not os.path.exists(CHROMIUM):
        message = "Playwright or Debian's chromium is not installed"
        if IN_CI:
            pytest.fail(message + ": real-browser tests must run in CI")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        browser.new_context = _reducing_motion(browser.new_context)
        browser.new_page = _reducing_motion(browser.new_page)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    return browser.new_page()


def sign_in(page, live_server, username, password=PASSWORD):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button:has-text('Sign in')")
    # Wait for the page after signing in to load, so the next click meets its scripts rather than the form.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
