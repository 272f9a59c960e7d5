"""``python -m provenance``: the command line."""

from __future__ import annotations

import sys

from provenance.cli import main

sys.exit(main())
