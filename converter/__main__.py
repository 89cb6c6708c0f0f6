"""``python -m converter``: the same as the ``contractkit`` command."""

import sys

from .cli import run

sys.exit(run())
