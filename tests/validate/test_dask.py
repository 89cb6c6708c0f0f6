"""The README's Dask recipe, run as written on a local cluster of two worker processes: the
validator is pickled to each, and the findings are those of ``contractkit validate``."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import FIXTURES, ROOT, SEED_SPEC
from tests.validate.test_verdicts import BROKEN, EXPECTED


def recipe() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    speed = text[text.index("## Speed"):text.index("\n## ", text.index("## Speed") + 1)]
    blocks = [b for b in re.findall(r"```python\n(.*?)```", speed, flags=re.S) if "dask" in b]
    assert len(blocks) == 1
    return "\n".join(line.removeprefix("  ") for line in blocks[0].splitlines())


def test_the_readme_recipe_gives_validates_findings_on_a_two_worker_cluster(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    (tmp_path / "schemas").mkdir()
    shutil.copy(SEED_SPEC, tmp_path / "schemas" / SEED_SPEC.name)
    payloads = tmp_path / "payloads"
    payloads.mkdir()
    for name in EXPECTED:
        if not name.endswith("/"):
            shutil.copy(BROKEN / name, payloads / Path(name).name)
    for fixture in (FIXTURES / "outgoing-secure-messages").iterdir():
        shutil.copy(fixture, payloads / f"fixture-{fixture.name}")
    here = os.getcwd()
    printed = io.StringIO()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(recipe(), "README.md", "exec"), {})  # noqa: S102 - our own documentation
    finally:
        os.chdir(here)
    expected = run("validate", str(tmp_path / "schemas" / SEED_SPEC.name), "--role", "request", "-q",
                   str(payloads)).stdout.replace(str(payloads), "payloads")
    assert printed.getvalue() == expected
    assert expected.count("\n") >= len(EXPECTED)  # every broken payload said something
