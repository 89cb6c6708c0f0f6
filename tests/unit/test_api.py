"""The public surface: what ``converter`` exports, and that the CLI never pays for the engines."""

from __future__ import annotations

import subprocess
import sys

import converter


def test_exports_are_exactly_the_public_names() -> None:
    assert sorted(converter.__all__) == ["ContractkitError", "LossError", "Origin", "PayloadError", "SpecError",
                                         "StaleOutputError", "__version__", "load_spec", "parse_spec"]
    for name in converter.__all__:
        assert getattr(converter, name) is not None


def test_version_and_help_load_no_engine() -> None:
    code = ("import sys; from converter.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "heavy = {'lxml', 'xmlschema', 'jsonschema', 'hypothesis', 'yaml', 'converter.spec.load'}\n"
            "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "[]"
