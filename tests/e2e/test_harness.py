"""The browser-test harness itself: the guard really blocks and records, and
the server really goes away when stopped.  Without these, "no request left
127.0.0.1" in the page tests could pass for the wrong reason.
"""

from __future__ import annotations

import os
import socket
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.harness import AppServer, guard_context, is_local_url

pytestmark = pytest.mark.e2e

PROBE_APP = Path(__file__).resolve().parent / "probe_app.py"


def test_is_local_url() -> None:
    assert is_local_url("http://127.0.0.1:8501/_stcore/health")
    assert is_local_url("ws://localhost:1234/_stcore/stream")
    assert is_local_url("data:image/png;base64,AAAA")
    assert is_local_url("about:srcdoc")
    assert not is_local_url("https://cdnjs.cloudflare.com/ajax/libs/vis.js")
    assert not is_local_url("http://127.0.0.1.example.com/")
    assert not is_local_url("http://10.0.0.1/")


def test_the_guard_aborts_and_records_every_request_leaving_the_machine(browser) -> None:
    context = browser.new_context()
    log = guard_context(context)
    try:
        page = context.new_page()
        page.set_content(
            """<img src="https://attacker.example/pixel.png">
               <script>
                 fetch('http://10.11.12.13/x').catch(() => {});
                 try { new WebSocket('wss://attacker.example/socket'); } catch (e) {}
               </script>"""
        )
        page.wait_for_timeout(500)
        blocked = set(log.blocked)
        assert "https://attacker.example/pixel.png" in blocked
        assert "http://10.11.12.13/x" in blocked
        assert "wss://attacker.example/socket" in blocked
        # The aborted image shows up as a console error too: the page tests would see it.
        assert log.console_errors
        page.evaluate("() => alert('hi')")
        assert log.dialogs == ["alert: hi"]
    finally:
        context.close()


def test_the_server_starts_on_loopback_and_its_whole_group_stops(browser) -> None:
    server = AppServer(str(PROBE_APP))
    server.start()
    try:
        pid, port = server.proc.pid, server.port
        with urllib.request.urlopen(f"{server.url}_stcore/health", timeout=5) as resp:
            assert resp.status == 200
        assert os.getpgid(pid) == pid  # its own process group
    finally:
        server.stop()
    with pytest.raises(ProcessLookupError):
        os.killpg(pid, 0)
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0, "the port still answers"
