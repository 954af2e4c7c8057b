"""How fast the explorer page is in a real browser (issue 5, "Speed").

    python bench/app.py [--sizes 300,1000] [--choices 20] [--cold-runs 3] [--write bench/APP.md]

For the essay (content/) and for synthetic debates of about 300 and 1,000
statements (bench/synthetic.py, fixed seeds), against ``streamlit run`` on
127.0.0.1 and headless Debian chromium (no request may leave the machine):

- cold start: a new ``streamlit run app.py`` process until the health
  endpoint answers, until the map's first frame is drawn in a fresh page
  (``window.mapDrawnAt``) and until the whole page is there; median of
  ``--cold-runs`` starts;
- choice to repaint: from the pointer going down (on a sidebar radio, or on a
  given's node in the map) to the first canvas frame vis-network draws after
  the page applied the new state (``afterDrawing`` once ``window.lastUpdate``
  grew); both instants are ``Date.now()`` in the browser; median and p90 of
  ``--choices`` choices each way;
- server time per rerun: the wall time of each script run, measured around
  app.py by bench/_timed_app.py (same code, same process model);
- bytes sent to the browser per choice: the sizes of the websocket frames the
  page received between the choice and the end of the rerun (Streamlit's
  websocket compression is off by default, so this is what crosses the wire).

Figures are printed and, with ``--write``, recorded in a Markdown file.  No
assertion: the targets from the issue are shown next to the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.e2e.explorer import IDLE, MAP_FRAME, Explorer, map_frame
from tests.e2e.harness import AppServer, browser_missing_reason, launch_browser, watch_context

__all__ = ["Case", "Result", "main", "make_cases", "measure_case"]

VIEWPORT = {"width": 1400, "height": 1000}
SHARE_INPUT = ".st-key-share-link input"
OPEN_TIMEOUT_MS = 300_000
ESSAY = "open-source-ai-safety"

# Inside the map frame: remember when the first frame after each applied update was drawn.
_FRAME_PROBE = """
() => {
  if (window.__bench) return;
  window.__bench = {draws: {}, input: null};
  let seen = window.lastUpdate;
  network.on('afterDrawing', () => {
    if (window.lastUpdate !== seen) { seen = window.lastUpdate; window.__bench.draws[seen] = Date.now(); }
  });
  window.addEventListener('pointerdown', () => { window.__bench.input = Date.now(); }, true);
}
"""
_PAGE_PROBE = """
() => {
  if (window.__bench) return;
  window.__bench = {input: null};
  window.addEventListener('pointerdown', () => { window.__bench.input = Date.now(); }, true);
}
"""


@dataclass
class Case:
    label: str
    name: str  # debate name (file stem)
    content_dir: Path | None  # None: the app's own content/
    statements: int = 0
    arguments: int = 0
    givens: int = 0


@dataclass
class Result:
    case: Case
    health_s: list[float] = field(default_factory=list)
    drawn_s: list[float] = field(default_factory=list)
    complete_s: list[float] = field(default_factory=list)
    first_load_bytes: int = 0
    sidebar_ms: list[float] = field(default_factory=list)
    click_ms: list[float] = field(default_factory=list)
    rerun_ms: list[float] = field(default_factory=list)
    sidebar_bytes: list[int] = field(default_factory=list)
    click_bytes: list[int] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def make_cases(sizes: list[int], workdir: Path) -> list[Case]:
    """The essay plus one synthetic debate per size, written as YAML under ``workdir``."""
    from graph.load import load_debate

    cases = []
    essay = load_debate(ROOT / "content" / f"{ESSAY}.yaml")
    cases.append(Case("essay", ESSAY, None, len(essay.statements), len(essay.arguments), len(essay.given_ids)))
    if sizes:
        from bench import synthetic

        for size in sizes:
            folder = workdir / f"synthetic-{size}"
            folder.mkdir(parents=True, exist_ok=True)
            name = f"synthetic-{size}"
            debate = synthetic.make_debate(size, seed=size)
            synthetic.write_debate_yaml(debate, folder / f"{name}.yaml")
            loaded = load_debate(folder / f"{name}.yaml")
            cases.append(
                Case(
                    f"synthetic ~{size}",
                    name,
                    folder,
                    len(loaded.statements),
                    len(loaded.arguments),
                    len(loaded.given_ids),
                )
            )
    return cases


def _open_counting(browser: Any, server: AppServer, query: str) -> tuple[Any, Explorer, dict]:
    """The page opened in a fresh context whose traffic is counted:
    (context, explorer, counter)."""
    context = browser.new_context(viewport=VIEWPORT)
    # Watched, not routed: Playwright's routing puts its own code between the page
    # and every websocket frame, which a reader's browser does not have.
    log = watch_context(context)
    page = context.new_page()
    counter = {"http": 0, "ws": []}

    def on_response(response: Any) -> None:
        try:
            counter["http"] += int(response.headers.get("content-length") or len(response.body()))
        except Exception:  # a body we cannot read does not change the picture
            pass

    def on_ws(ws: Any) -> None:
        ws.on("framereceived", lambda payload: counter["ws"].append(len(payload)))

    page.on("response", on_response)
    page.on("websocket", on_ws)
    explorer = Explorer(page, server, log)
    # Large debates are slow to draw: measure them rather than time out.
    page.set_default_timeout(OPEN_TIMEOUT_MS)
    explorer.open(query)
    return context, explorer, counter


def _quietly(page: Any, check: Any, timeout_ms: int = OPEN_TIMEOUT_MS, every_ms: int = 100) -> Any:
    """Call ``check()`` (one short query of the page) every ``every_ms`` until
    it returns something truthy, and return that.

    Playwright's own waits poll the page on every animation frame: on 2 cores
    that polling slowed the very drawing being timed (by about 0.5 s of a
    cold start at 1,000 statements).  The figures are the browser's own
    timestamps, so how often this looks does not change them, only how much
    it disturbs them.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        try:
            found = check()
        except Exception:  # the page is still being built (frame not there, navigating)
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise TimeoutError(f"not reached within {timeout_ms} ms")
        page.wait_for_timeout(every_ms)  # lets Playwright take in the page's events meanwhile


def _map_drawn_at(page: Any) -> float | None:
    """The browser's ``window.mapDrawnAt`` in the map frame, if it is there yet."""
    if page.locator(MAP_FRAME).count() == 0:
        return None
    frame = map_frame(page)
    return None if frame is None else frame.evaluate("() => window.mapDrawnAt || null")


def _page_complete(page: Any) -> bool:
    """The share field (the page's last element) is there and the run is over."""
    return page.locator(SHARE_INPUT).count() > 0 and page.locator(IDLE).count() > 0


def measure_cold_start(browser: Any, case: Case, result: Result, runs: int) -> None:
    for _ in range(runs):
        # A reader's browser is already open, with an empty tab: the clock
        # starts at `streamlit run`, not at Playwright making a new context.
        # Nothing here takes the page's websocket frames: Playwright would hand
        # every one to this process (1.3 MB for the map at 1,000 statements),
        # which took the very CPU being timed.  The first load is counted in
        # measure_choices, which opens the page the same way.
        context = browser.new_context(viewport=VIEWPORT)
        log = watch_context(context)
        page = context.new_page()
        started, started_wall = time.perf_counter(), time.time()
        server = AppServer("app.py", content_dir=case.content_dir)
        try:
            server.start()
            result.health_s.append(time.perf_counter() - started)
            page.goto(f"{server.url}?debate={case.name}", wait_until="commit")
            drawn_at_ms = _quietly(page, lambda: _map_drawn_at(page))
            result.drawn_s.append(drawn_at_ms / 1000 - started_wall)
            _quietly(page, lambda: _page_complete(page), every_ms=50)
            result.complete_s.append(time.perf_counter() - started)
            # Made only now: an Explorer keeps a copy of every websocket frame.
            explorer = Explorer(page, server, log)
            explorer.wait_for_map()
            _merge(result.problems, explorer.log.problems())
        finally:
            context.close()
            server.stop()


def _merge(into: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    for key, values in more.items():
        into.setdefault(key, []).extend(values[:5])


def _wait_draw(explorer: Explorer, update_before: int) -> float:
    """ms from the last pointerdown to the first frame drawn after the next update."""
    frame = explorer.frame()
    drawn = _quietly(
        explorer.page,
        lambda: frame.evaluate(
            """n => { const t = Object.entries(window.__bench.draws).filter(([k]) => Number(k) > n);
                      return t.length ? Math.min(...t.map(([, v]) => v)) : null; }""",
            update_before,
        ),
        every_ms=25,
    )
    page_input = explorer.page.evaluate("() => window.__bench.input")
    frame_input = frame.evaluate("() => window.__bench.input")
    started = max(t for t in (page_input, frame_input) if t is not None)
    return float(drawn - started)


def _reset_inputs(explorer: Explorer) -> None:
    explorer.page.evaluate("() => { window.__bench.input = null; }")
    explorer.map_eval("() => { window.__bench.input = null; }")


def _rerun_times(log_path: Path, start_line: int) -> tuple[list[float], int]:
    lines = log_path.read_text().splitlines() if log_path.exists() else []
    return [float(x) for x in lines[start_line:] if x.strip()], len(lines)


def measure_choices(browser: Any, case: Case, result: Result, n_choices: int) -> None:
    from graph.load import load_debate

    rerun_log = Path(tempfile.mkstemp(prefix="bench-reruns-", suffix=".log")[1])
    server = AppServer("bench/_timed_app.py", content_dir=case.content_dir, env={"BENCH_RERUN_LOG": str(rerun_log)})
    with server:
        context, explorer, counter = _open_counting(browser, server, f"?debate={case.name}")
        result.first_load_bytes = counter["http"] + sum(counter["ws"])
        try:
            debate = load_debate((case.content_dir or ROOT / "content") / f"{case.name}.yaml")
            start = debate.starting_choices()
            accepted = [g for g in debate.given_ids if start[g] == "accepted"][:10]
            explorer.page.evaluate(_PAGE_PROBE)
            explorer.map_eval(_FRAME_PROBE)
            _, seen_lines = _rerun_times(rerun_log, 0)

            # By sidebar: reject a given, then accept it again, over up to 10 givens.
            for i in range(n_choices):
                gid = accepted[(i // 2) % len(accepted)]
                choice = "rejected" if i % 2 == 0 else "accepted"
                if explorer.control(gid).count() == 0:
                    # A big debate lists only the givens found by the search (not timed).
                    explorer.find_given(gid)
                    _, seen_lines = _rerun_times(rerun_log, seen_lines)
                _reset_inputs(explorer)
                before, frames_before = explorer.update_count(), len(counter["ws"])
                radio = explorer.control(gid).locator("label")
                option = radio.filter(has_text={"rejected": "Reject", "accepted": "Accept"}[choice])
                option.scroll_into_view_if_needed()
                option.click()
                result.sidebar_ms.append(_wait_draw(explorer, before))
                explorer.wait_idle()
                result.sidebar_bytes.append(sum(counter["ws"][frames_before:]))
                times, seen_lines = _rerun_times(rerun_log, seen_lines)
                result.rerun_ms.extend(times)

            # By click on the node: cycle 4 givens in turn (accepted -> unsure -> rejected -> ...).
            targets = accepted[:4]
            for i in range(n_choices):
                gid = targets[i % len(targets)]
                # Zoom to the node first when the whole map is too small to aim at
                # (not timed: it happens before the pointer goes down).
                explorer.map_eval(
                    """id => { const p = network.getPositions([id])[id];
                               if (network.getScale() < 0.8) network.moveTo({position: p, scale: 1.0, animation: false}); }""",
                    gid,
                )
                x, y = explorer.node_point_in_page(gid, bring_into_view=True)
                _reset_inputs(explorer)
                before, frames_before = explorer.update_count(), len(counter["ws"])
                explorer.page.mouse.click(x, y)
                result.click_ms.append(_wait_draw(explorer, before))
                explorer.wait_idle()
                result.click_bytes.append(sum(counter["ws"][frames_before:]))
                times, seen_lines = _rerun_times(rerun_log, seen_lines)
                result.rerun_ms.extend(times)
            _merge(result.problems, explorer.log.problems())
        finally:
            context.close()
    rerun_log.unlink(missing_ok=True)


def measure_case(browser: Any, case: Case, n_choices: int, cold_runs: int) -> Result:
    result = Result(case)
    try:
        measure_cold_start(browser, case, result, cold_runs)
        measure_choices(browser, case, result, n_choices)
    except Exception as exc:  # report what was measured, and why the rest is missing
        result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return result


def _fmt(value: float | None, unit: str, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:.{digits}f} {unit}"


def _kb(values: list[int]) -> float | None:
    m = _median([float(v) for v in values])
    return None if m is None else m / 1024


def format_table(results: list[Result]) -> str:
    header = (
        "| debate | statements / arguments / givens | cold start: server up | cold start: map drawn "
        "| cold start: page complete "
        "| choice→repaint, sidebar (median / p90) | choice→repaint, click (median / p90) "
        "| server time per rerun (median / p90) | sent per choice, sidebar / click (median) | first load |"
    )
    rows = [header, "|" + "---|" * 10]
    for r in results:
        c = r.case
        rows.append(
            f"| {c.label} | {c.statements} / {c.arguments} / {c.givens} "
            f"| {_fmt(_median(r.health_s), 's', 2)} | {_fmt(_median(r.drawn_s), 's', 2)} "
            f"| {_fmt(_median(r.complete_s), 's', 2)} "
            f"| {_fmt(_median(r.sidebar_ms), 'ms')} / {_fmt(_p90(r.sidebar_ms), 'ms')} "
            f"| {_fmt(_median(r.click_ms), 'ms')} / {_fmt(_p90(r.click_ms), 'ms')} "
            f"| {_fmt(_median(r.rerun_ms), 'ms')} / {_fmt(_p90(r.rerun_ms), 'ms')} "
            f"| {_fmt(_kb(r.sidebar_bytes), 'KB', 1)} / {_fmt(_kb(r.click_bytes), 'KB', 1)} "
            f"| {_fmt(r.first_load_bytes / 1024 if r.first_load_bytes else None, 'KB')} |"
        )
    return "\n".join(rows)


def format_notes(results: list[Result]) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append(f"- {r.case.label}: stopped early: {r.error}")
        if r.problems:
            lines.append(f"- {r.case.label}: the browser saw problems: {r.problems}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Browser speed of the explorer page.")
    parser.add_argument("--sizes", default="300,1000", help="synthetic debate sizes, comma-separated ('' for none)")
    parser.add_argument("--choices", type=int, default=20, help="choices per way (sidebar, click)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold starts per debate")
    parser.add_argument("--write", type=Path, default=None, help="also write the figures to this Markdown file")
    args = parser.parse_args(argv)
    reason = browser_missing_reason()
    if reason:
        print(f"cannot run the browser benchmark: {reason}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    load_before = os.getloadavg()
    results: list[Result] = []

    def record(final: bool) -> None:
        # Rewritten after every debate, so a long run that is cut short still leaves its figures.
        table, notes = format_table(results), format_notes(results)
        load_now = os.getloadavg()
        machine = (
            f"{os.cpu_count()} cores, Python {platform.python_version()}; 1-minute load average "
            f"{load_before[0]:.1f} at the start, {load_now[0]:.1f} at the end"
        )
        if final:
            print()
            print(table)
            if notes:
                print(notes)
        if args.write:
            args.write.write_text(_report(table, notes, machine, args))
            if final:
                print(f"\nwritten to {args.write}")

    with tempfile.TemporaryDirectory(prefix="bench-app-") as tmp, sync_playwright() as playwright:
        cases = make_cases(sizes, Path(tmp))
        browser = launch_browser(playwright)
        try:
            for case in cases:
                print(f"measuring {case.label} ({case.statements} statements)...", flush=True)
                results.append(measure_case(browser, case, args.choices, args.cold_runs))
                record(final=False)
        finally:
            browser.close()
    record(final=True)
    return 0


def _load_warning(machine: str) -> str:
    load = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    if load <= cores:
        return ""
    return (
        f"Caution: the machine was busy with other work during this run (load average above its "
        f"{cores} cores: {machine.split('; ', 1)[-1]}); every time here is pessimistic. "
        "Rerun on an idle machine for the real figures.\n"
    )


def _report(table: str, notes: str, machine: str, args: argparse.Namespace) -> str:
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return f"""# The explorer page in a browser: speed

Measured by `python bench/app.py --choices {args.choices} --cold-runs {args.cold_runs} --write bench/APP.md`
on {stamp} ({machine}; headless Debian chromium; `streamlit run` on 127.0.0.1).

Targets (issue 5, on this 2-core machine): essay choice to repaint under 250 ms
median, 1,000 statements under 1 s; under 50 KB sent per choice for the essay;
cold start to drawn graph under 5 s.

{table}

{notes}
{_load_warning(machine)}

How each figure is taken:

- *cold start*: from launching a new `streamlit run app.py` process to its
  health endpoint answering ("server up"); to the first frame the map draws
  in a fresh browser page ("map drawn": `window.mapDrawnAt`, the browser's
  `Date.now()` against the same system clock); and to the whole page being
  there and idle ("page complete": the share field attached and the script
  run over).  The browser is already running with an empty tab (made before
  the clock starts), the OS file cache is warm. Median of
  {args.cold_runs} starts.
- How the bench waits: it looks at the page every 25-100 ms with one short
  query, not with Playwright's waits (which poll on every animation frame),
  and it does not count bytes during cold starts (Playwright copies every
  websocket frame to the bench's process): on 2 cores both took CPU from the
  very drawing being timed, up to a second of a cold start at 1,000
  statements.  The figures are the browser's own timestamps either way.
- *choice to repaint*: `Date.now()` at the pointerdown on the control (a
  sidebar radio button, or the given's node in the map) to `Date.now()` at the
  first vis-network `afterDrawing` after the page applied the new state.
  Median and 90th percentile of {args.choices} choices each way (sidebar:
  reject/accept in turn over the first accepted givens; click: four givens,
  each click cycling accepted → unsure → rejected).
- *server time per rerun*: wall time of each run of app.py inside the server
  (bench/_timed_app.py wraps it), over all the runs those choices caused.
- *sent per choice*: sum of the websocket frames the page received from the
  choice to the end of the rerun (Streamlit's `server.enableWebsocketCompression`
  is off by default, so this is the payload on the wire). *first load*: HTTP
  bodies plus websocket frames of the page's first load (the one before the
  choices).
- The browser's traffic is watched, not routed (`watch_context`): Playwright's
  request and websocket routing (what the tests use to abort anything leaving
  127.0.0.1) puts its own code between the page and every websocket frame and
  added about 250 ms to each choice; a reader's browser has none of it.  Any
  request that leaves 127.0.0.1 is still recorded and listed below the table.
"""


if __name__ == "__main__":
    raise SystemExit(main())
