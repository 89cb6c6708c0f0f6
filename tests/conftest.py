"""Shared fixtures: the bundled specs, their generated schemas, and validators over them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import os
import tempfile

import pytest
from hypothesis import settings
from lxml import etree

from converter.codecs.values import Loss
from converter.generate.xsd import INDEX, Profile, to_xsd
from converter.spec import Spec, load_spec

# The spec-check cache goes to a folder of this run's own, never the user's ~/.cache; the CLI tests'
# subprocesses inherit it.
os.environ.setdefault("CONTRACTKIT_CACHE_DIR", tempfile.mkdtemp(prefix="contractkit-test-cache-"))

# Property tests run thousands of examples in CI, fewer on a developer's machine.
settings.register_profile("thorough", max_examples=2000)
settings.register_profile("quick", max_examples=150)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("thorough" if os.environ.get("CI") else "quick"))

ROOT = Path(__file__).resolve().parent.parent
SEED_SPEC = ROOT / "schemas" / "outgoing-secure-messages.yaml"
EVERYTHING_SPEC = ROOT / "schemas" / "everything.yaml"
REAL_SPEC = ROOT / "schemas" / "real-contracts.yaml"
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def seed_spec() -> Spec:
    return load_spec(SEED_SPEC)


@pytest.fixture(scope="session")
def everything_spec() -> Spec:
    return load_spec(EVERYTHING_SPEC)


@pytest.fixture(scope="session")
def real_spec() -> Spec:
    return load_spec(REAL_SPEC)


def write_xsd(spec: Spec, profile: Profile, folder: Path) -> Path:
    """Write the XSD set to ``folder`` and return the path of index.xsd."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in to_xsd(spec, profile).items():
        (folder / name).write_bytes(data)
    return folder / INDEX


XmlCheck = Callable[[bytes], list[str]]


@pytest.fixture(scope="session")
def xml_checkers(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Spec, Profile], dict[str, XmlCheck]]:
    """Per (spec, profile): an xmlschema and an lxml check, each returning error messages."""
    import xmlschema

    cache: dict[tuple[str, str], dict[str, XmlCheck]] = {}

    def make(spec: Spec, profile: Profile) -> dict[str, XmlCheck]:
        key = (spec.source, profile)
        if key not in cache:
            index = write_xsd(spec, profile, tmp_path_factory.mktemp(f"xsd-{profile}"))
            xs = xmlschema.XMLSchema(str(index))
            lx = etree.XMLSchema(etree.parse(str(index)))

            def with_xmlschema(data: bytes) -> list[str]:
                return [f"{e.path}: {e.reason}" for e in xs.iter_errors(data.decode("utf-8"))]

            def with_lxml(data: bytes) -> list[str]:
                lx.validate(etree.fromstring(data))
                return [e.message for e in lx.error_log]

            cache[key] = {"xmlschema": with_xmlschema, "lxml": with_lxml}
        return cache[key]

    return make


def load_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def said(losses: Iterable[Loss]) -> list[str]:
    """Losses as a user reads them: ``Member.Path: what happens``."""
    return [str(loss) for loss in losses]
