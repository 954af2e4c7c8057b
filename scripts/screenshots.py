"""Render the explorer to PNG for the README (issue 5, "Screenshots for people").

    python scripts/screenshots.py [--out docs/img] [--debate NAME]

Starts ``streamlit run app.py`` on 127.0.0.1 (its own process group, stopped
by pid), opens it in headless Debian chromium (no request may leave
127.0.0.1), and writes:

- ``default.png``: the debate as the essay states it (the file's starting view);
- ``challenges-granted.png``: the same debate with every challenge (each
  objection the file starts rejected) accepted.

Each image is the top of the page (sidebar, verdict, the map) at 1400x1350
CSS pixels.  Exits non-zero when the page does not draw or a request tried to
leave the machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.e2e.explorer import Explorer, content_dir_of  # noqa: E402
from tests.e2e.harness import AppServer, browser_missing_reason, guard_context, launch_browser  # noqa: E402

__all__ = ["challenge_query", "main", "take_screenshots"]

VIEWPORT = {"width": 1400, "height": 1350}


def challenge_query(debate, name: str) -> str:
    """``?debate=NAME&on=...`` accepting every objection the file starts rejected."""
    from graph.link import build_query, query_string

    choices = debate.starting_choices()
    for statement in debate.statements:
        if statement.kind == "objection":
            choices[statement.id] = "accepted"
    return query_string(build_query(debate, name, choices))


def _settle(explorer: Explorer) -> None:
    # Let web fonts and the last canvas frame land before the capture.
    explorer.page.evaluate("() => document.fonts.ready.then(() => true)")
    explorer.page.wait_for_timeout(400)


def take_screenshots(out_dir: Path, debate_name: str | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from graph.load import load_debate

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with AppServer("app.py") as server, sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
            log = guard_context(context)
            explorer = Explorer(context.new_page(), server, log)

            explorer.open(f"?debate={debate_name}" if debate_name else "")
            name = explorer.query()["debate"]
            debate = load_debate(content_dir_of(server) / f"{name}.yaml")
            _settle(explorer)
            path = out_dir / "default.png"
            explorer.page.screenshot(path=str(path))
            written.append(path)

            explorer.open(challenge_query(debate, name))
            _settle(explorer)
            path = out_dir / "challenges-granted.png"
            explorer.page.screenshot(path=str(path))
            written.append(path)

            problems = log.problems()
            if problems:
                raise SystemExit(f"the page misbehaved while taking screenshots: {problems}")
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="output directory")
    parser.add_argument("--debate", default=None, help="debate name (default: the app's default)")
    args = parser.parse_args(argv)
    reason = browser_missing_reason()
    if reason:
        print(f"cannot take screenshots: {reason}", file=sys.stderr)
        return 2
    for path in take_screenshots(args.out, args.debate):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
