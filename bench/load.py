"""The page under load (issue 12): many readers on one server process.

    python bench/load.py [--readers 1,10,50] [--choices 5] [--churn 1000] [--quick]

Each simulated reader is what a browser is to Streamlit's server: a
websocket client on ``/_stcore/stream`` speaking Streamlit's protobuf
messages (``streamlit.proto`` BackMsg / ForwardMsg, over the ``websockets``
package that Streamlit itself depends on: nothing to install).

- A page open: connect, send the rerun request a browser sends for the
  reader's link (query string, page, widget states, the browser's context),
  and read until the run's ``script_finished``.  It counts as a success only
  if the run finished normally, no exception element came, the map
  component's data carries the map page (its vis-network HTML) and the
  choice panel shows exactly the choices the link asked for (as
  ``graph.link.choices_from_query`` reads it).
- A choice: the rerun a browser sends when a given's radio is changed in the
  sidebar panel: every widget's current state (as the page holds them) plus
  the panel component's trigger, ``$$STREAMLIT_INTERNAL_KEY_{element id}__events``
  with the JSON list ``[{"event": "choice", "value": {"n", "id", "choice"}}]``
  (what ``setTriggerValue`` in Streamlit's BidiComponent frontend sends).  A
  success needs the panel to show the new choice, the map's ``seq`` to grow
  with new styles, and the page's address to carry the new state.

Readers arrive at once (``--readers``: each count is one phase on the same
warm server), open different links (seeded), then make ``--choices``
choices each, back to back, with no think time: throughput at saturation.
The same phases run against a one-line Streamlit page (``st.write("hi")``,
a temp file) on its own server, as Streamlit's floor; there a "choice" is a
plain rerun.  Then "sessions come and go": a fresh server, ``--churn``
sessions in waves of ``--churn-wave`` (open, one choice, close), with the
server's RSS (``/proc/PID/status``) at the start and once the closed
sessions have been dropped.  Streamlit keeps a closed session for
``server.disconnectedSessionTTL`` seconds (default 120, at most 128 of them)
so a reader can reconnect; that server gets ``--ttl`` (default 10 s) so the
bench need not wait two minutes, and expired sessions are only dropped when
the next session closes, so the bench closes one more after the TTL.

Servers: ``streamlit run`` on 127.0.0.1 and free ports only, started from the
repository root so the project's ``.streamlit/config.toml`` applies (no
option is forced on the command line except the address and port, and the TTL
of the churn server), stopped at the end.  Every loop is bounded in count and
in time (``--timeout`` per open or choice, ``--seconds`` per phase).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.link import build_query, choices_from_query, query_string  # noqa: E402
from graph.load import check_debate  # noqa: E402
from graph.model import Debate  # noqa: E402
from graph.status import CHOICES  # noqa: E402
from tests.e2e.harness import AppServer  # noqa: E402

__all__ = [
    "ESSAY",
    "FLOOR_SCRIPT",
    "ChurnResult",
    "LoadServer",
    "PhaseResult",
    "Site",
    "load_site",
    "main",
    "make_links",
    "run_churn",
    "run_phase",
    "trigger_widget_id",
]

ESSAY = "open-source-ai-safety"
FLOOR_SCRIPT = 'import streamlit as st\nst.write("hi")\n'
_MAX_MESSAGES = 10_000  # per run: a runaway stream is a failure, not a hang
_MAX_FAILURE_NOTES = 8


# ------------------------------------------------------------------ server ---
class LoadServer(AppServer):
    """``streamlit run SCRIPT`` on 127.0.0.1 with only the address, the port
    and ``server_args`` on its command line: every other option comes from the
    config files (the project's, as the repository root is the working
    directory).  ``AppServer`` forces the test settings, which this must not."""

    TEST_SETTINGS = ()

    def __init__(self, script: str, *, cwd: Path = ROOT, server_args: Sequence[str] = ()) -> None:
        super().__init__(script, cwd=cwd, extra_args=tuple(server_args))

    def __enter__(self) -> LoadServer:
        self.start()
        return self

    def rss_mib(self) -> float:
        """The server's resident set size in MiB (VmRSS; 0.0 if gone)."""
        if self.proc is None:
            return 0.0
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far."""
        if self.proc is None:
            return 0.0
        try:
            stat = Path(f"/proc/{self.proc.pid}/stat").read_text()
        except OSError:
            return 0.0
        fields = stat[stat.rindex(")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def metrics(self) -> list[tuple[str, float]]:
        """Every sample of ``/_stcore/metrics`` as (name with labels, value); [] if unreachable."""
        try:
            with urllib.request.urlopen(f"{self.url}_stcore/metrics", timeout=5) as resp:
                text = resp.read().decode("utf-8", "replace")
        except OSError:
            return []
        out = []
        for line in text.splitlines():
            name, _, value = line.rpartition(" ")
            if name and not line.startswith("#"):
                try:
                    out.append((name, float(value)))
                except ValueError:
                    continue
        return out

    def metric(self, name: str) -> float | None:
        """One unlabelled value from ``/_stcore/metrics`` (e.g. active_sessions)."""
        return next((v for k, v in self.metrics() if k == name), None)

    def cache_entries(self) -> dict[str, float]:
        """Entries per st.cache_* function (Streamlit reports counts, not bytes,
        unless server.enableExpensiveMemoryStats is on)."""
        out = {}
        for key, value in self.metrics():
            if key.startswith("cache_memory_bytes{") and 'cache="' in key:
                out[key.split('cache="', 1)[1].split('"', 1)[0].rsplit(".", 1)[-1]] = value
        return out


# ------------------------------------------------------------------- links ---
@dataclass(frozen=True)
class Site:
    """What the readers open: the debate (None for the one-line page)."""

    name: str
    debate: Debate | None


def load_site(name: str = ESSAY, root: Path = ROOT) -> Site:
    """The debate ``content/NAME.yaml`` of ``root``; raises ValueError if it
    does not pass the check."""
    path = root / "content" / f"{name}.yaml"
    debate, errors = check_debate(str(path))
    if debate is None:
        raise ValueError(f"{path} does not pass the check: {errors[:3]}")
    return Site(name, debate)


def make_links(site: Site, count: int, seed: int = 12) -> list[str]:
    """``count`` query strings (without "?"), seeded: the default view, then
    views with one to four givens changed from the start (off, on, unsure),
    as a reader's "Share this view" field writes them."""
    if site.debate is None:
        return [""] * count
    rng = random.Random(seed)
    debate = site.debate
    start = debate.starting_choices()
    links = []
    for i in range(count):
        choices = dict(start)
        for gid in rng.sample(list(debate.given_ids), min(i % 5, len(debate.given_ids))):
            choices[gid] = rng.choice([c for c in CHOICES if c != start[gid]])
        links.append(query_string(build_query(debate, site.name, choices)).lstrip("?"))
    return links


# ------------------------------------------------------------------ reader ---
def trigger_widget_id(element_id: str) -> str:
    """The widget id under which a browser sends an st.components.v2
    component's triggers: ``$$STREAMLIT_INTERNAL_KEY_{element id}__events``
    (``Me()`` in Streamlit's BidiComponent frontend; ``_make_trigger_id`` on
    the server)."""
    return f"$$STREAMLIT_INTERNAL_KEY_{element_id}__events"


class ReaderError(Exception):
    """A page open or a choice that did not give the page it should."""


@dataclass
class Run:
    """What one script run sent: the latest element of each kind we check."""

    status: str = ""
    panel_id: str | None = None
    panel: dict[str, Any] | None = None
    map_data: dict[str, Any] | None = None
    map_has_page: bool = False
    verdict: str | None = None
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    messages: int = 0
    bytes: int = 0


def _map_head(raw: bytes) -> tuple[dict[str, Any], bool]:
    """The map component's data without decoding its ~0.5 MB page: app.py
    writes "html" last, so the head before it is the styles part."""
    marker = raw.find(b', "html": ')
    if marker < 0:
        return json.loads(raw), False
    page = raw[marker:]
    has_page = b"vis.Network" in page or b"vis-network" in page
    return json.loads(raw[:marker] + b"}"), has_page


class Reader:
    """One browser tab on the page: its websocket, the page's address, the
    widget states it holds and its cache of big messages."""

    def __init__(self, base_url: str, query: str, timeout: float) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        self._WidgetState = WidgetState
        self.base_url = base_url
        self.ws_url = base_url.replace("http://", "ws://", 1) + "_stcore/stream"
        self.query = query
        self.timeout = timeout
        self.page_hash = ""
        self.widgets: dict[str, Any] = {}
        self.cache: dict[str, Any] = {}
        self.ws: Any = None
        self.sent = 0
        self.last: Run | None = None

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        self.ws = await connect(
            self.ws_url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=self.base_url.rstrip("/"),  # type: ignore[arg-type]
            proxy=None,  # loopback only, whatever the environment says
            compression=None,  # Streamlit's server does not compress by default
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def _rerun_msg(self, extra_widgets: Iterable[Any] = ()) -> bytes:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.widget_states.widgets.extend(self.widgets.values())
        state.widget_states.widgets.extend(extra_widgets)
        state.cached_message_hashes.extend(self.cache)
        info = state.context_info
        info.url = self.base_url + (f"?{self.query}" if self.query else "")
        info.timezone = "UTC"
        info.timezone_offset = 0
        info.locale = "en-US"
        info.color_scheme = "light"
        return bytes(msg.SerializeToString())

    def _keep_widget(self, kind: str, element: Any) -> None:
        """The state a browser's widget manager holds for a widget just drawn
        (its default, as the widget sets it when it mounts)."""
        state = self._WidgetState(id=element.id)
        if kind == "checkbox":
            state.bool_value = element.value if element.set_value else element.default
        elif kind == "selectbox" and element.HasField("default") and element.options:
            state.string_value = element.options[element.default]
        self.widgets[element.id] = state

    async def rerun(self, extra_widgets: Iterable[Any] = ()) -> Run:
        """Send one rerun request and read until its script_finished."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        await self.ws.send(self._rerun_msg(extra_widgets))
        run = Run()
        deadline = time.monotonic() + self.timeout
        for _ in range(_MAX_MESSAGES):
            left = deadline - time.monotonic()
            if left <= 0:
                raise ReaderError(f"no script_finished within {self.timeout:g} s")
            raw = await asyncio.wait_for(self.ws.recv(), left)
            run.messages += 1
            run.bytes += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "ref_hash":
                cached = self.cache.get(msg.ref_hash)
                if cached is None:
                    raise ReaderError(f"reference to a message never received ({msg.ref_hash})")
                metadata = msg.metadata
                msg = ForwardMsg()
                msg.CopyFrom(cached)
                msg.metadata.CopyFrom(metadata)
                kind = msg.WhichOneof("type")
            elif msg.metadata.cacheable and msg.hash:
                self.cache[msg.hash] = msg
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._read_element(msg.delta.new_element, run)
            elif kind == "script_finished":
                run.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    self.last = run
                    return run
        raise ReaderError(f"more than {_MAX_MESSAGES} messages in one run")

    def _read_element(self, element: Any, run: Run) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:200])
        elif kind == "markdown":
            body = element.markdown.body
            run.texts.append(body)
            if "conclusions hold" in body:
                run.verdict = body
        elif kind in ("checkbox", "selectbox", "toggle", "radio", "text_input"):
            self._keep_widget(kind, getattr(element, kind))
        elif kind == "bidi_component":
            comp = element.bidi_component
            name = comp.component_name.rsplit(".", 1)[-1]
            if name == "choice_panel" and comp.id.endswith("-choice-panel"):
                run.panel_id = comp.id
                run.panel = json.loads(comp.bytes)
            elif name == "argument_map":
                run.map_data, run.map_has_page = _map_head(comp.bytes)

    def choice_trigger(self, panel_id: str, given_id: str, choice: str) -> Any:
        """The widget state a choice in the sidebar panel sends."""
        self.sent += 1
        value = {"n": self.sent, "id": given_id, "choice": choice}
        return self._WidgetState(
            id=trigger_widget_id(panel_id),
            json_trigger_value=json.dumps([{"event": "choice", "value": value}], separators=(",", ":")),
        )


def _check_finished(run: Run) -> None:
    if run.status != "FINISHED_SUCCESSFULLY":
        raise ReaderError(f"the run ended with {run.status or 'nothing'}")
    if run.exceptions:
        raise ReaderError(f"the page showed an exception: {run.exceptions[0]}")


def check_open(site: Site, query: str, run: Run) -> None:
    """Raise ReaderError unless ``run`` is the full page for the link ``query``."""
    _check_finished(run)
    if site.debate is None:
        if not any("hi" in t for t in run.texts):
            raise ReaderError("the one-line page did not write its text")
        return
    if run.map_data is None or not run.map_has_page:
        raise ReaderError("no map page in the map component's data")
    if run.panel is None or "sections" not in run.panel:
        raise ReaderError("no choice panel (with its layout) on the page")
    if run.verdict is None:
        raise ReaderError("no verdict on the page")
    want, _ = choices_from_query(parse_qs(query, keep_blank_values=True), site.debate)
    if run.panel.get("choices") != want:
        raise ReaderError("the panel does not show the link's choices")


async def open_page(reader: Reader, site: Site) -> Run:
    """Connect and load the reader's link; raises ReaderError or OSError."""
    await reader.connect()
    asked = reader.query
    run = await reader.rerun()
    check_open(site, asked, run)
    return run


async def make_choice(reader: Reader, site: Site, rng: random.Random) -> Run:
    """Change one given in the sidebar panel (a plain rerun on the one-line
    page) and check the page followed."""
    before = reader.last
    if site.debate is None or before is None:
        run = await reader.rerun()
        _check_finished(run)
        return run
    if before.panel_id is None or before.panel is None or before.map_data is None:
        raise ReaderError("the last run drew no panel and map to choose in")
    shown = before.panel["choices"]
    given = rng.choice(sorted(shown))
    choice = rng.choice([c for c in CHOICES if c != shown[given]])
    trigger = reader.choice_trigger(before.panel_id, given, choice)
    run = await reader.rerun([trigger])
    _check_finished(run)
    if run.panel is None or run.panel.get("choices", {}).get(given) != choice:
        raise ReaderError(f"the panel does not show {given} = {choice} after choosing it")
    if run.map_data is None or run.map_data.get("seq", 0) <= before.map_data.get("seq", 0):
        raise ReaderError("the map got no new styles after a choice")
    want = build_query(site.debate, site.name, dict(shown, **{given: choice}))
    if {k: v[-1] for k, v in parse_qs(reader.query).items()} != want:
        raise ReaderError(f"the page's address ({reader.query}) does not carry the new choice")
    return run


# ------------------------------------------------------------------ phases ---
def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of non-empty ``values``; NaN if empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


@dataclass
class PhaseResult:
    """One phase: ``readers`` arriving at once, each opening its link and
    making ``choices`` choices."""

    page: str
    readers: int
    choices_each: int
    open_s: list[float] = field(default_factory=list)
    choice_s: list[float] = field(default_factory=list)
    open_wall: float = 0.0
    choice_wall: float = 0.0
    failures: int = 0
    failure_notes: list[str] = field(default_factory=list)
    verdicts_changed: int = 0
    rss_before: float = 0.0
    rss_after: float = 0.0
    server_cpu_opens: float = 0.0
    server_cpu_choices: float = 0.0
    client_cpu: float = 0.0
    open_bytes: int = 0

    @property
    def opens_per_s(self) -> float:
        return len(self.open_s) / self.open_wall if self.open_wall > 0 else math.nan

    @property
    def choices_per_s(self) -> float:
        return len(self.choice_s) / self.choice_wall if self.choice_wall > 0 else math.nan

    def note(self, what: str) -> None:
        self.failures += 1
        if len(self.failure_notes) < _MAX_FAILURE_NOTES:
            self.failure_notes.append(what)


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _phase(
    server: LoadServer,
    site: Site,
    links: Sequence[str],
    choices: int,
    timeout: float,
    seconds: float,
    seed: int,
) -> PhaseResult:
    result = PhaseResult(site.name if site.debate else "one-line page", len(links), choices)
    readers = [Reader(server.url, q, timeout) for q in links]
    alive: list[Reader] = []
    deadline = time.monotonic() + seconds

    async def one_open(reader: Reader) -> None:
        started = time.perf_counter()
        try:
            run = await open_page(reader, site)
        except Exception as exc:
            result.note(f"open: {type(exc).__name__}: {exc}"[:300])
            return
        result.open_s.append(time.perf_counter() - started)
        result.open_bytes += run.bytes
        alive.append(reader)

    async def choose_all(reader: Reader, rng: random.Random) -> None:
        for _ in range(choices):
            if time.monotonic() > deadline:
                result.note("choice: the phase ran out of time")
                return
            verdict = reader.last.verdict if reader.last else None
            started = time.perf_counter()
            try:
                run = await make_choice(reader, site, rng)
            except Exception as exc:
                result.note(f"choice: {type(exc).__name__}: {exc}"[:300])
                return
            result.choice_s.append(time.perf_counter() - started)
            result.verdicts_changed += run.verdict != verdict

    async def bounded(coros: list[Any]) -> None:
        if not coros:
            return
        left = max(1.0, deadline - time.monotonic())
        tasks = [asyncio.ensure_future(c) for c in coros]
        _done, pending = await asyncio.wait(tasks, timeout=left)
        for task in pending:
            task.cancel()
            result.note("the phase ran out of time")
        await asyncio.gather(*pending, return_exceptions=True)

    result.rss_before = server.rss_mib()
    cpu0, client0 = server.cpu_seconds(), _client_cpu()
    started = time.perf_counter()
    await bounded([one_open(r) for r in readers])
    result.open_wall = time.perf_counter() - started
    cpu1 = server.cpu_seconds()
    started = time.perf_counter()
    await bounded([choose_all(r, random.Random(seed * 1000 + i)) for i, r in enumerate(alive)])
    result.choice_wall = time.perf_counter() - started
    result.server_cpu_opens, result.server_cpu_choices = cpu1 - cpu0, server.cpu_seconds() - cpu1
    result.client_cpu = _client_cpu() - client0
    await asyncio.gather(*(r.close() for r in readers), return_exceptions=True)
    result.rss_after = server.rss_mib()
    return result


def run_phase(
    server: LoadServer,
    site: Site,
    links: Sequence[str],
    *,
    choices: int = 5,
    timeout: float = 60.0,
    seconds: float = 120.0,
    seed: int = 12,
) -> PhaseResult:
    """``len(links)`` readers arrive at once on ``server``, each opens its link
    and makes ``choices`` choices; bounded by ``timeout`` per open or choice and
    ``seconds`` for the whole phase (what is left then counts as failed)."""
    return asyncio.run(_phase(server, site, links, choices, timeout, seconds, seed))


@dataclass
class ChurnResult:
    """Sessions coming and going on a fresh server.  RSS in MiB: ``rss_idle``
    after one session (and its TTL), ``rss_start`` after one warm-up wave of
    ``wave`` sessions (and the TTL): the allocators then hold what that many
    sessions at once need, which they keep when the sessions go; the target
    is against it.  ``caches_*``: entries of each st.cache_* function."""

    sessions: int
    wave: int
    ttl: int
    ok: int = 0
    failures: int = 0
    failure_notes: list[str] = field(default_factory=list)
    rss_idle: float = 0.0
    rss_start: float = 0.0
    rss_peak: float = 0.0
    rss_end_of_churn: float = 0.0
    rss_after: float = 0.0
    active_after: float | None = None
    caches_start: dict[str, float] = field(default_factory=dict)
    caches_after: dict[str, float] = field(default_factory=dict)
    wall: float = 0.0

    @property
    def growth(self) -> float:
        return self.rss_after / self.rss_start - 1 if self.rss_start else math.nan


async def _churn(
    server: LoadServer,
    site: Site,
    sessions: int,
    wave: int,
    ttl: int,
    timeout: float,
    seconds: float,
    seed: int,
    same_link: bool,
) -> ChurnResult:
    result = ChurnResult(sessions, wave, ttl)
    links = make_links(site, 1, seed) * sessions if same_link else make_links(site, sessions, seed)
    deadline = time.monotonic() + seconds

    async def visit(query: str, rng: random.Random, count: bool = True) -> None:
        reader = Reader(server.url, query, timeout)
        try:
            await open_page(reader, site)
            await make_choice(reader, site, rng)
            result.ok += count
        except Exception as exc:
            result.failures += 1
            if len(result.failure_notes) < _MAX_FAILURE_NOTES:
                result.failure_notes.append(f"{type(exc).__name__}: {exc}"[:300])
        finally:
            await reader.close()

    async def settle() -> None:
        # Closed sessions are kept for the TTL and dropped when the next one
        # closes: wait it out, then close one more (the default view).
        await asyncio.sleep(ttl + 1)
        await visit(links[0], random.Random(seed), count=False)
        await asyncio.sleep(1)

    await settle()  # the caches hold the default view before anything is measured
    result.rss_idle = server.rss_mib()
    warm = make_links(site, wave, seed + 7)
    await asyncio.gather(*(visit(q, random.Random(seed + 7 + i), count=False) for i, q in enumerate(warm)))
    await settle()
    result.rss_start = result.rss_peak = server.rss_mib()
    result.caches_start = server.cache_entries()
    started = time.perf_counter()
    for first in range(0, sessions, wave):
        if time.monotonic() > deadline:
            result.failures += sessions - first
            result.failure_notes.append(f"ran out of time after {first} sessions")
            break
        batch = range(first, min(first + wave, sessions))
        await asyncio.gather(*(visit(links[i], random.Random(seed + i)) for i in batch))
        result.rss_peak = max(result.rss_peak, server.rss_mib())
    result.wall = time.perf_counter() - started
    result.rss_end_of_churn = server.rss_mib()
    await settle()
    result.rss_after = server.rss_mib()
    result.active_after = server.metric("active_sessions")
    result.caches_after = server.cache_entries()
    return result


def run_churn(
    server: LoadServer,
    site: Site,
    *,
    sessions: int = 1000,
    wave: int = 20,
    ttl: int = 10,
    timeout: float = 60.0,
    seconds: float = 600.0,
    seed: int = 12,
    same_link: bool = False,
) -> ChurnResult:
    """``sessions`` sessions, ``wave`` at a time, each opening its own link
    (all the default view with ``same_link``), making one choice and closing;
    ``server`` must run with ``server.disconnectedSessionTTL`` = ``ttl``.
    Bounded by ``timeout`` per open or choice and ``seconds`` for the churn
    (what is left counts as failed)."""
    return asyncio.run(_churn(server, site, sessions, wave, ttl, timeout, seconds, seed, same_link))


# -------------------------------------------------------------------- main ---
def _ms(seconds: float) -> str:
    return "-" if math.isnan(seconds) else f"{seconds * 1000:.0f}"


def _rate(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def print_phases(results: Sequence[PhaseResult]) -> None:
    """The phases as a table (latencies in ms, RSS in MiB, CPU in ms per open or choice)."""
    head = (
        f"{'page':<22} {'readers':>7} {'opens/s':>8} {'open med':>9} {'open p95':>9} "
        f"{'choices/s':>9} {'ch med':>7} {'ch p95':>7} {'fail':>5} {'RSS before → after':>19} "
        f"{'CPU/open':>8} {'CPU/ch':>7} {'bench CPU':>9}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        open_med = statistics.median(r.open_s) if r.open_s else math.nan
        choice_med = statistics.median(r.choice_s) if r.choice_s else math.nan
        cpu_open = r.server_cpu_opens / len(r.open_s) if r.open_s else math.nan
        cpu_choice = r.server_cpu_choices / len(r.choice_s) if r.choice_s else math.nan
        print(
            f"{r.page:<22} {r.readers:>7} {_rate(r.opens_per_s):>8} {_ms(open_med):>9} "
            f"{_ms(percentile(r.open_s, 0.95)):>9} {_rate(r.choices_per_s):>9} {_ms(choice_med):>7} "
            f"{_ms(percentile(r.choice_s, 0.95)):>7} {r.failures:>5} {r.rss_before:>8.1f} → {r.rss_after:>7.1f} "
            f"{_ms(cpu_open):>8} {_ms(cpu_choice):>7} {r.client_cpu:>8.2f}s"
        )
    print("(latencies in ms; opens/s = readers / time from the first connect to the last page's end;")
    print(" choices/s = all choices / time from the first choice sent to the last one's end;")
    print(" CPU/open, CPU/ch = the server's CPU time (ms) per open or choice; bench CPU = this process;")
    print(" on the one-line page a 'choice' is a plain rerun)")
    for r in results:
        for note in r.failure_notes:
            print(f"  failure ({r.page}, {r.readers} readers): {note}")


def _entries(caches: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:g}" for k, v in sorted(caches.items())) or "-"


def _config_summary(root: Path) -> str:
    path = root / ".streamlit" / "config.toml"
    try:
        import tomllib

        conf = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"{path}: unreadable ({exc})"
    server, client = conf.get("server", {}), conf.get("client", {})
    return (
        f"{path}: server.fileWatcherType={server.get('fileWatcherType', '(default auto)')}, "
        f"client.showErrorDetails={client.get('showErrorDetails', '(default full)')}"
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Many simulated readers (Streamlit websocket clients) against one server "
        "process of the page, and against a one-line Streamlit page as the floor.",
    )
    parser.add_argument(
        "--readers", default="1,10,50", help="reader counts, one phase each, arriving at once (default 1,10,50)"
    )
    parser.add_argument("--choices", type=int, default=5, help="choices each reader makes after opening (default 5)")
    parser.add_argument(
        "--churn", type=int, default=1000, help="sessions that come and go on a fresh server; 0 skips (default 1000)"
    )
    parser.add_argument("--churn-wave", type=int, default=20, help="sessions at a time in the churn run (default 20)")
    parser.add_argument(
        "--churn-same-link",
        action="store_true",
        help="every churn session opens the default view (the caches then stay small)",
    )
    parser.add_argument(
        "--ttl",
        type=int,
        default=10,
        help="server.disconnectedSessionTTL of the churn server, s (default 10; Streamlit's is 120)",
    )
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="longest wait for one page open or choice, s (default 60)"
    )
    parser.add_argument(
        "--seconds",
        type=float,
        default=120.0,
        help="longest time for one phase, s (default 120; the churn run gets 5x)",
    )
    parser.add_argument("--no-floor", action="store_true", help="skip the one-line page")
    parser.add_argument("--debate", default=ESSAY, help=f"debate the links name (default {ESSAY})")
    parser.add_argument(
        "--server-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra option for every streamlit run, e.g. --server-arg=--server.fileWatcherType=auto",
    )
    parser.add_argument("--seed", type=int, default=12, help="seed of the links and choices (default 12)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--quick", action="store_true", help="a short run: readers 1,5, 2 choices, 100 churn sessions, TTL 3 s"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.readers, args.choices, args.churn, args.ttl = "1,5", 2, 100, 3
    try:
        args.reader_counts = [int(x) for x in str(args.readers).split(",") if x.strip()]
    except ValueError:
        parser.error("--readers takes comma-separated counts, e.g. 1,10,50")
    if not args.reader_counts or min(args.reader_counts) < 1 or max(args.reader_counts) > 500:
        parser.error("--readers: counts from 1 to 500")
    if not 0 <= args.churn <= 100_000 or not 1 <= args.churn_wave <= 200 or args.ttl < 1:
        parser.error("--churn 0..100000, --churn-wave 1..200, --ttl >= 1")
    return args


def _phases(server: LoadServer, site: Site, args: argparse.Namespace) -> list[PhaseResult]:
    warm = run_phase(server, site, make_links(site, 1, args.seed + 99), choices=1, timeout=args.timeout)
    if warm.failures:
        raise SystemExit(f"the warm-up open failed on {site.name}: {warm.failure_notes}\n{server.log()[-3000:]}")
    print(f"  {warm.page}: first (cold) open {_ms(warm.open_s[0])} ms, RSS {warm.rss_after:.1f} MiB")
    out = []
    for n in args.reader_counts:
        out.append(
            run_phase(
                server,
                site,
                make_links(site, n, args.seed + n),
                choices=args.choices,
                timeout=args.timeout,
                seconds=args.seconds,
                seed=args.seed + n,
            )
        )
        time.sleep(1)  # let the server finish closing the phase's sessions
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    import streamlit

    site = load_site(args.debate)
    floor = Site("one-line page", None)
    print(
        f"Streamlit {streamlit.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f} at the start"
    )
    print(_config_summary(ROOT))
    if args.server_arg:
        print(f"extra server options: {' '.join(args.server_arg)}")
    results: list[PhaseResult] = []
    with LoadServer("app.py", server_args=args.server_arg) as server:
        print(f"app.py on {server.url}: RSS {server.rss_mib():.1f} MiB after start")
        results += _phases(server, site, args)
    if not args.no_floor:
        with tempfile.TemporaryDirectory(prefix="load-floor-") as tmp:
            script = Path(tmp) / "one_line.py"
            script.write_text(FLOOR_SCRIPT, encoding="utf-8")
            with LoadServer(str(script), server_args=args.server_arg) as server:
                print(f"one-line page on {server.url}: RSS {server.rss_mib():.1f} MiB after start")
                results += _phases(server, floor, args)
    print()
    print_phases(results)
    churn = None
    if args.churn:
        churn_args = [*args.server_arg, f"--server.disconnectedSessionTTL={args.ttl}"]
        with LoadServer("app.py", server_args=churn_args) as server:
            churn = run_churn(
                server,
                site,
                sessions=args.churn,
                wave=args.churn_wave,
                ttl=args.ttl,
                timeout=args.timeout,
                seconds=args.seconds * 5,
                seed=args.seed,
                same_link=args.churn_same_link,
            )
        print()
        links = "the same link" if args.churn_same_link else "each its own link"
        print(
            f"{churn.sessions} sessions ({links}) came and went, {churn.wave} at a time "
            f"(server.disconnectedSessionTTL={churn.ttl} s) in {churn.wall:.1f} s: "
            f"{churn.ok} ok, {churn.failures} failed; active sessions after: {churn.active_after}"
        )
        print(
            f"  server RSS (MiB): idle {churn.rss_idle:.1f} (one session), start {churn.rss_start:.1f} "
            f"(after one wave of {churn.wave}), peak {churn.rss_peak:.1f}, end of churn "
            f"{churn.rss_end_of_churn:.1f}, after the TTL {churn.rss_after:.1f} "
            f"({churn.growth * 100:+.1f} % of the start)"
        )
        print(f"  cache entries at the start: {_entries(churn.caches_start)}; after: {_entries(churn.caches_after)}")
        for note in churn.failure_notes:
            print(f"  failure: {note}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    if args.json:
        data = {
            "phases": [dict(asdict(r), opens_per_s=r.opens_per_s, choices_per_s=r.choices_per_s) for r in results],
            "churn": None if churn is None else dict(asdict(churn), growth=churn.growth),
        }
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    failed = sum(r.failures for r in results) + (churn.failures if churn else 0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
