"""How fast AIF import and export are.

    python bench/interop.py [--sizes 1000,5000] [--repeats 7]

Prints, median and best of ``--repeats`` runs:

- **import AIF**: ``graph.aif.import_aif`` of a plain AIF file (no "debate"
  extension keys, as AIFdb writes one) made from the seeded synthetic debate
  of each size (bench/synthetic.py, about 30 % conclusions, 55 % of its
  statements in arguments, undercuts and rebuttals); bytes in, debate/1
  mapping out, depth check and JSON parsing included;
- **import AIF (with extension)**: the same file as ``export_aif`` writes it;
- **export essay**: ``export_aif_json`` of content/open-source-ai-safety.yaml
  (33 statements, 19 arguments, 13 attacks), and ``export_json`` of it.

Targets (issue 16): import of 1,000 statements < 1 s, essay export < 50 ms.
Figures are printed, never asserted (tests/test_aif.py asserts the targets).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import make_debate
from graph.aif import export_aif, export_aif_json, export_json, import_aif
from graph.load import load_debate

ESSAY = Path(__file__).resolve().parent.parent / "content" / "open-source-ai-safety.yaml"


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(median, best) seconds of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def show(label: str, times: tuple[float, float], extra: str = "") -> None:
    median, best = times
    print(f"  {label:<34} median {median * 1000:8.1f} ms   best {best * 1000:8.1f} ms{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000", help="statement counts (comma-separated)")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    for size in (int(s) for s in args.sizes.split(",")):
        debate = make_debate(size, seed=size)
        full = export_aif(debate)
        plain = json.loads(json.dumps(full))
        del plain["debate"]
        for node in plain["nodes"]:
            node.pop("debate", None)
        plain_bytes = json.dumps(plain).encode()
        full_bytes = json.dumps(full, ensure_ascii=False).encode()
        imported, warnings = import_aif(plain_bytes, "bench.json")
        print(
            f"{len(debate.statements)} statements, {len(debate.arguments)} arguments, {len(debate.attacks)} attacks"
            f" ({len(plain_bytes) / 1024:.0f} KiB plain, {len(full_bytes) / 1024:.0f} KiB with extension;"
            f" {len(imported['statements'])} statements back, {len(warnings)} warnings)"
        )
        show("import AIF", timed(lambda b=plain_bytes: import_aif(b, "bench.json"), args.repeats))
        show("import AIF (with extension)", timed(lambda b=full_bytes: import_aif(b, "bench.json"), args.repeats))

    essay = load_debate(ESSAY)
    print(f"essay: {len(essay.statements)} statements, {len(essay.arguments)} arguments, {len(essay.attacks)} attacks")
    show(
        "export essay (export_aif_json)",
        timed(lambda: export_aif_json(essay), args.repeats),
        f"   ({len(export_aif_json(essay).encode()) / 1024:.0f} KiB)",
    )
    show("export essay (export_json)", timed(lambda: export_json(essay), args.repeats))


if __name__ == "__main__":
    main()
