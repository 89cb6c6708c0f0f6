"""The spec an import is building: plain mutable drafts the writer turns into YAML.

Drafts hold type expressions as the spec's own text (``List<X>``, ``DateTime?``), so the
written file is whatever the loader reads; ``notes`` become YAML comments above the node.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DraftField", "DraftOperation", "DraftSpec", "DraftType", "Guess"]


@dataclass
class Guess:
    """A choice the page could not settle: where it was made, about what, and why."""

    where: str
    subject: str
    choice: str
    why: str

    def line(self) -> str:
        """The summary line the command prints."""
        return f"{self.where}: guess: {self.subject}: {self.choice} ({self.why})"

    def comment(self) -> str:
        """The YAML comment written above the guessed node."""
        return f"guess: {self.choice} ({self.why})"


@dataclass
class DraftField:
    """A member: its CLR name, type expression and what the page promises of it."""

    name: str
    type: str
    where: str
    description: str | None = None
    required: bool = False
    read_only: bool = False
    enum: list[str] | None = None
    constraints: dict[str, int | float | str] = field(default_factory=dict)
    json_name: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class DraftType:
    """A class (``fields``), an enum (``members``) or a collection contract."""

    name: str
    where: str
    namespace: str | None = None
    base: str | None = None
    description: str | None = None
    data_contract: dict[str, str] = field(default_factory=dict)
    fields: list[DraftField] | None = None
    members: list[tuple[str, int]] | None = None
    notes: list[str] = field(default_factory=list)

    def shape(self) -> tuple[object, ...]:
        """What two pages must agree on for one type: members and their types, namespace, base."""
        fields = tuple((f.name, f.type) for f in self.fields or ())
        return (self.namespace, self.base, tuple(sorted(self.data_contract.items())), fields,
                tuple(self.members or ()))


@dataclass
class DraftOperation:
    """One operation of an API page."""

    method: str
    path: str
    where: str
    summary: str | None = None
    request: str | None = None
    response: str | None = None
    formats: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class DraftSpec:
    """The whole spec being imported, types in the order they were met."""

    title: str
    types: dict[str, DraftType] = field(default_factory=dict)
    operations: list[DraftOperation] = field(default_factory=list)
    json: dict[str, str] = field(default_factory=dict)
    guesses: list[Guess] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
