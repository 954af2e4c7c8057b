"""Fixtures for the browser tests: a real ``streamlit run app.py`` and Debian's chromium.

- ``browser`` (session): one chromium for the whole run.  When the playwright
  package or the browser is missing the e2e tests are skipped locally, but
  FAIL when ``CI=true`` (CI must really run them).
- ``app_server`` (module): the app on 127.0.0.1 and a free port, started and
  stopped by its pid (its own process group).  A test module points it at
  fixture debates with a module-level ``CONTENT_DIR = Path(...)`` (passed to
  the app as ``DEBATE_CONTENT_DIR``).
- ``new_context`` (function): factory of guarded browser contexts: every
  request leaving 127.0.0.1 is aborted and recorded, console errors, page
  errors and dialogs are recorded; at teardown the test fails if any happened.
- ``explorer``: a page in a fresh guarded context, wrapped in ``Explorer``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.explorer import Explorer
from tests.e2e.harness import AppServer, BrowserLog, browser_missing_reason, guard_context, launch_browser, serving

_HERE = Path(__file__).resolve().parent
VIEWPORT = {"width": 1400, "height": 1000}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    # Remember each phase's outcome so fixtures can tell whether the test failed.
    report = yield
    setattr(item, f"_e2e_rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator:
    reason = browser_missing_reason()
    if reason is not None:
        if _in_ci():
            pytest.fail(f"CI=true but the browser tests cannot run: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_browser(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def app_server(request: pytest.FixtureRequest, browser) -> Iterator[AppServer]:
    # Depends on ``browser`` so that a machine without one skips before starting a server.
    with serving(getattr(request.module, "CONTENT_DIR", None)) as server:
        yield server


@pytest.fixture
def new_context(request: pytest.FixtureRequest, browser, app_server: AppServer) -> Iterator[Callable]:
    opened: list[tuple[object, BrowserLog]] = []

    def make() -> tuple[object, BrowserLog]:
        context = browser.new_context(viewport=VIEWPORT)
        log = guard_context(context)
        opened.append((context, log))
        return context, log

    yield make

    for context, _ in opened:
        context.close()
    failed = getattr(request.node, "_e2e_rep_call", None)
    if failed is not None and failed.failed:
        # Show the server's side of the story next to the failure.
        print("---- streamlit log (tail) ----")
        print(app_server.log()[-4000:])
        return
    problems: dict[str, list[str]] = {}
    for _, log in opened:
        for name, values in log.problems().items():
            problems.setdefault(name, []).extend(values)
    if problems:
        pytest.fail(f"the browser saw problems: {problems}", pytrace=False)


@pytest.fixture
def explorer(new_context, app_server: AppServer) -> Explorer:
    context, log = new_context()
    return Explorer(context.new_page(), app_server, log)
