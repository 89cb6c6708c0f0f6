"""A repository's contractkit settings: ``[tool.contractkit]`` in pyproject.toml, or contractkit.toml.

::

    [tool.contractkit]
    spec = "schemas/everything.yaml"

    [[tool.contractkit.payloads]]
    glob = "fixtures/everything/address.*"
    type = "Address"

    [[tool.contractkit.payloads]]
    glob = "payloads/requests/**"
    type = "Everything"
    format = "json"       # auto (default), json, xml or form
    role = "request"      # warn about read-only members

The file is found upward from the working directory (contractkit.toml first in each folder, then
a pyproject.toml that has the table); paths and globs are relative to the file's folder. The first
mapping whose glob matches a payload's path gives its type, format and role; command-line flags
override all of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal, cast

from .errors import ContractkitError, Origin

__all__ = ["Config", "ConfigError", "Mapping", "find_config", "load_config"]

Format = Literal["auto", "json", "xml", "form"]
Role = Literal["request", "response"]
_FORMATS = ("auto", "json", "xml", "form")
_ROLES = ("request", "response")


class ConfigError(ContractkitError):
    """The configuration file is wrong; like a spec error, it is the user's setup (exit 2)."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Mapping:
    """Which type (and encoding and role) the payloads under a glob have."""

    glob: str
    type: str | None = None
    format: Format = "auto"
    role: Role | None = None


@dataclass(frozen=True, slots=True)
class Config:
    """The settings read from one file; ``root`` is the folder paths are relative to."""

    source: str
    root: Path
    spec: str | None = None
    payloads: tuple[Mapping, ...] = field(default=())

    def mapping_for(self, path: str) -> Mapping | None:
        """The first mapping whose glob matches ``path`` (relative to ``root``, forward slashes)."""
        try:
            rel = Path(os.path.abspath(path)).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        for mapping in self.payloads:
            if fnmatchcase(rel, mapping.glob):  # "*" matches across folders too, so "a/**" is everything under a/
                return mapping
        return None

    @property
    def spec_path(self) -> str | None:
        return None if self.spec is None else str(self.root / self.spec)


def find_config(start: Path | None = None) -> Path | None:
    """contractkit.toml, or a pyproject.toml with ``[tool.contractkit]``, in ``start`` or a parent."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "contractkit.toml"
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file() and "tool" in _read(project) and "contractkit" in _read(project)["tool"]:
            return project
    return None


def load_config(path: Path) -> Config:
    """The settings in ``path``; ``ConfigError`` names the file and the key that is wrong."""
    data = _read(path)
    table = data.get("tool", {}).get("contractkit") if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError("no [tool.contractkit] table", Origin(str(path)))
    where = "[tool.contractkit]" if path.name == "pyproject.toml" else "the top level"
    unknown = sorted(set(table) - {"spec", "payloads"})
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} in {where}; expected spec or payloads", Origin(str(path)))
    spec = table.get("spec")
    if spec is not None and not isinstance(spec, str):
        raise ConfigError("spec must be a path (a string)", Origin(str(path)))
    raw = table.get("payloads", [])
    if not isinstance(raw, list):
        raise ConfigError("payloads must be a list of tables ([[tool.contractkit.payloads]])", Origin(str(path)))
    return Config(str(path), path.parent, spec, tuple(_mapping(entry, i, path) for i, entry in enumerate(raw)))


def _mapping(entry: Any, index: int, path: Path) -> Mapping:
    where = f"payloads[{index}]"
    if not isinstance(entry, dict) or not isinstance(entry.get("glob"), str):
        raise ConfigError(f"{where} needs a glob (a string)", Origin(str(path)))
    unknown = sorted(set(entry) - {"glob", "type", "format", "role"})
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} in {where}; expected glob, type, format or role",
                          Origin(str(path)))
    fmt = entry.get("format", "auto")
    if fmt not in _FORMATS:
        raise ConfigError(f"{where}.format must be one of {', '.join(_FORMATS)}, not {fmt!r}", Origin(str(path)))
    role = entry.get("role")
    if role is not None and role not in _ROLES:
        raise ConfigError(f"{where}.role must be request or response, not {role!r}", Origin(str(path)))
    type_name = entry.get("type")
    if type_name is not None and not isinstance(type_name, str):
        raise ConfigError(f"{where}.type must be a type name", Origin(str(path)))
    return Mapping(entry["glob"], type_name, cast(Format, fmt), cast("Role | None", role))


def _read(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not TOML: {exc}", Origin(str(path))) from None
    except OSError as exc:
        raise ConfigError(exc.strerror or str(exc), Origin(str(path))) from None
