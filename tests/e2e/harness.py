"""Run the real page and a real browser: shared by the e2e tests, bench/app.py
and scripts/screenshots.py.

- ``AppServer`` starts ``streamlit run app.py`` on 127.0.0.1 and a free port in
  its own process group, waits for the health endpoint, and stops the whole
  group by its pid (never by name).
- ``launch_browser`` starts Debian's chromium through Playwright with the
  flags this machine needs.
- ``guard_context`` makes a browser context refuse every request (HTTP or
  websocket) that would leave 127.0.0.1/localhost, and records those, console
  errors, uncaught page errors and dialogs, so a test can assert there were none.

Nothing here imports streamlit or playwright at module level: the caller
decides what to do when they are missing (skip locally, fail in CI).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "APP_ROOT",
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "CONTENT_DIR_ENV",
    "ROOT",
    "AppServer",
    "BrowserLog",
    "browser_missing_reason",
    "find_free_port",
    "guard_context",
    "is_local_url",
    "launch_browser",
    "serving",
    "watch_context",
]

ROOT = Path(__file__).resolve().parents[2]
# The checkout whose app.py is served (default: this one); lets the suite run
# against another working copy without moving the tests.
APP_ROOT = Path(os.environ.get("E2E_APP_ROOT") or ROOT).resolve()

# Debian's chromium, not Playwright's downloaded build: nothing to fetch.
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

# The app reads its debates from this directory when set (default: content/).
CONTENT_DIR_ENV = "DEBATE_CONTENT_DIR"

_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Schemes that never leave the machine (inline frames, blobs, in-page data).
_INERT_SCHEMES = frozenset({"data", "blob", "about", "javascript", "chrome", "chrome-error"})


def browser_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the machine
        return f"the playwright package is not installed ({exc})"
    if not (os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)):
        return f"no chromium executable at {CHROMIUM_PATH} (apt-get install chromium)"
    return None


def find_free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_local_url(url: str) -> bool:
    """True when fetching ``url`` stays on this machine's loopback."""
    parts = urlsplit(url)
    if parts.scheme in _INERT_SCHEMES:
        return True
    return (parts.hostname or "") in _LOCAL_HOSTS


class AppServer:
    """``streamlit run APP`` on 127.0.0.1:PORT, in its own process group.

    ``start()`` returns once ``/_stcore/health`` answers (or raises
    ``RuntimeError`` with the server's log when it exits or times out);
    ``stop()`` sends SIGTERM to the group, then SIGKILL after a grace period.
    Usable as a context manager.
    """

    def __init__(
        self,
        app: str = "app.py",
        *,
        cwd: Path | str = APP_ROOT,
        content_dir: Path | str | None = None,
        env: Mapping[str, str] | None = None,
        port: int | None = None,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.cwd = Path(cwd)
        self.content_dir = None if content_dir is None else Path(content_dir).resolve()
        self.extra_env = dict(env or {})
        self.port = port or find_free_port()
        self.extra_args = tuple(extra_args)
        self.proc: subprocess.Popen[bytes] | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)
        self.started_at: float | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    # The settings every test server runs with (a subclass may run with none).
    TEST_SETTINGS: tuple[str, ...] = (
        "--server.headless",
        "true",
        # Polling the tree for edits costs CPU on a 2-core machine; tests
        # never edit files while the server runs.
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    )

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            self.app,
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            *self.TEST_SETTINGS,
            *self.extra_args,
        ]

    def start(self, timeout: float = 60.0) -> AppServer:
        env = dict(os.environ)
        env.update(self.extra_env)
        env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
        if self.content_dir is not None:
            env[CONTENT_DIR_ENV] = str(self.content_dir)
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(
            self.command(),
            cwd=self.cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() kills the group
        )
        deadline = time.monotonic() + timeout
        health = f"{self.url}_stcore/health"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode} before answering:\n{self.log()}")
            try:
                with urllib.request.urlopen(health, timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"streamlit did not answer {health} within {timeout} s:\n{self.log()}")

    def stop(self, grace: float = 5.0) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            self._reap_group()
            return
        pgid = proc.pid  # start_new_session: the group id is the leader's pid
        try:
            os.killpg(pgid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=grace)
        self._reap_group()

    def _reap_group(self) -> None:
        # A child that outlived the leader would keep the port: end it too.
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def log(self) -> str:
        try:
            return Path(self._log.name).read_text(errors="replace")
        except OSError:
            return ""

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


@contextlib.contextmanager
def serving(content_dir: Path | None = None) -> Iterator[AppServer]:
    """``streamlit run app.py`` reading its debates from ``content_dir`` (None:
    content/), for the length of a ``with``; a server that does not start
    fails the test (never a skip)."""
    import pytest

    server = AppServer("app.py", content_dir=content_dir)
    try:
        server.start()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server
    finally:
        server.stop()


def launch_browser(playwright: Any, **kwargs: Any) -> Any:
    """Debian's chromium, headless, through Playwright's sync API."""
    return playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True, **kwargs)


@dataclass
class BrowserLog:
    """What a guarded context saw; every list should stay empty in a test."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, list[str]]:
        return {
            name: list(values)
            for name, values in (
                ("requests that tried to leave 127.0.0.1", self.blocked),
                ("console errors", self.console_errors),
                ("uncaught page errors", self.page_errors),
                ("dialogs", self.dialogs),
            )
            if values
        }


def watch_context(context: Any) -> BrowserLog:
    """Record, without intercepting anything, what ``context`` does that a test
    should never see: requests and websockets to anything but 127.0.0.1,
    console errors, uncaught errors, dialogs (dismissed).  Nothing is routed,
    so the pages run exactly as in a reader's browser (the benchmark uses this;
    the tests use :func:`guard_context`, which also aborts what leaves)."""
    log = BrowserLog()

    def on_request(request: Any) -> None:
        if not is_local_url(request.url) and request.url not in log.blocked:
            log.blocked.append(request.url)

    def on_page(page: Any) -> None:
        def on_websocket(ws: Any) -> None:
            if not is_local_url(ws.url) and ws.url not in log.blocked:
                log.blocked.append(ws.url)

        page.on("websocket", on_websocket)

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            where = f" ({loc.get('url', '')}:{loc.get('lineNumber', '')})" if loc else ""
            log.console_errors.append(f"{msg.text}{where}")

    def on_weberror(err: Any) -> None:
        log.page_errors.append(str(err.error))

    def on_dialog(dialog: Any) -> None:
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.on("request", on_request)
    context.on("page", on_page)
    context.on("console", on_console)
    context.on("weberror", on_weberror)
    context.on("dialog", on_dialog)
    return log


def guard_context(context: Any) -> BrowserLog:
    """Abort every non-local request in ``context`` and record what happened.

    HTTP(S) requests are routed (``context.route``) and aborted unless local;
    websockets to anything but loopback are closed (``route_web_socket``; local
    ones are not routed at all, so Streamlit's own socket is untouched).
    Console errors, page errors and dialogs are recorded as by
    :func:`watch_context`.
    """
    log = watch_context(context)

    def on_request(route: Any) -> None:
        url = route.request.url
        if is_local_url(url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def on_socket(ws: Any) -> None:
        if ws.url not in log.blocked:
            log.blocked.append(ws.url)
        ws.close()

    context.route("**/*", on_request)
    context.route_web_socket(lambda url: not is_local_url(url), on_socket)
    return log
