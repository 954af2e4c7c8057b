"""``python -m graph check|evaluate|explain``; see graph/cli.py."""

import sys

from graph.cli import main

sys.exit(main())
