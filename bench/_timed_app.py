"""app.py with a stopwatch: bench/app.py runs this instead of app.py to learn
the server time of every script run (rerun), without touching app.py.

Each run appends one line, the run's wall time in milliseconds, to the file
named by ``BENCH_RERUN_LOG``.  Everything else is exactly ``app.py``: it runs
as ``__main__`` with its own ``__file__``.
"""

from __future__ import annotations

import os
import runpy
import sys
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

_started = time.perf_counter()
try:
    runpy.run_path(str(_ROOT / "app.py"), run_name="__main__")
finally:
    # Also reached when Streamlit interrupts the run (rerun/stop exceptions).
    _log = os.environ.get("BENCH_RERUN_LOG")
    if _log:
        with open(_log, "a", encoding="utf-8") as fh:
            fh.write(f"{(time.perf_counter() - _started) * 1000:.3f}\n")
