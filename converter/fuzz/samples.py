"""``from_spec``: values the contract accepts, leaning to the edges, each with its encoders."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from ..codecs import ENCODINGS, Encoding, Options, codec
from ..errors import PayloadError
from ..spec.model import Spec
from .compare import unexplained
from .strategies import values_for

__all__ = ["Sample", "from_spec", "holds", "own_constants_only"]


@contextmanager
def own_constants_only() -> Iterator[None]:
    """Keep Hypothesis from drawing the constants of the installed package's own source.

    Hypothesis (6.131+) mixes into its draws the string and number literals of "local" modules:
    an editable install of contractkit counts, a wheel does not, and every new literal in the code
    would change what a seed generates. A seeded run (``fixtures``, ``fuzz``) must give the same
    bytes on every install, so it draws from Hypothesis's own global constants only. Without the
    private hook (another Hypothesis release), the run goes on as Hypothesis would.
    """
    try:
        from hypothesis.internal.conjecture import providers
        from hypothesis.internal.constants_ast import Constants
        hook, cache = providers._get_local_constants, providers.CONSTANTS_CACHE
        empty = Constants()
    except (ImportError, AttributeError):  # pragma: no cover - a Hypothesis without the hook
        yield
        return
    providers._get_local_constants = lambda: empty
    cache.cache.clear()
    try:
        yield
    finally:
        providers._get_local_constants = hook
        cache.cache.clear()


def holds(spec: Spec, type_name: str, value: Any, encoding: Encoding) -> bool:
    """Whether ``encoding`` carries ``value`` whole: written and read back with nothing lost
    (form cannot tell null from empty, XML reads CR as LF, DataContractSerializer refuses an
    undefined enum value, Json.NET reads an empty Uri as null, ...)."""
    try:
        data, written = codec(encoding).encode(spec, type_name, value)
        back, read = codec(encoding).decode(spec, type_name, data, f"<{encoding}>")
    except PayloadError:
        return False
    if written or read:
        return False
    return back is not None and not unexplained(spec, type_name, value, back, ())


@dataclass(frozen=True, eq=False)
class Sample:
    """One value of a spec type (in ``converter.codecs.values``' model) and its bytes on each wire.

    ``encodings`` are the encodings that carry the value whole; ``encode`` writes it in any of the
    three, as .NET would (an encoding not in ``encodings`` reports what it loses, or refuses).
    """

    spec: Spec
    type_name: str
    value: Any
    _held: dict[Encoding, bool] = field(default_factory=dict, repr=False)

    def encode(self, encoding: Encoding, options: Options = Options()) -> bytes:
        """The value's bytes in ``encoding`` (``PayloadError`` when that encoding cannot write it)."""
        return codec(encoding).encode(self.spec, self.type_name, self.value, options).data

    @property
    def json(self) -> bytes:
        """What Json.NET writes under the spec's settings."""
        return self.encode("json")

    @property
    def xml(self) -> bytes:
        """What DataContractSerializer writes through Web API's XmlWriter."""
        return self.encode("xml")

    @property
    def form(self) -> bytes:
        """The form body Web API's model binder reads (MVC keys)."""
        return self.encode("form")

    @property
    def encodings(self) -> tuple[Encoding, ...]:
        """The encodings that carry the value whole (computed once)."""
        for encoding in ENCODINGS:
            if encoding not in self._held:
                self._held[encoding] = holds(self.spec, self.type_name, self.value, encoding)
        return tuple(e for e in ENCODINGS if self._held[e])

    def __repr__(self) -> str:
        return f"Sample({self.type_name}, {self.value!r})"


def from_spec(spec: Spec, type_name: str, *, formats: Sequence[Encoding] = (), contract: bool = True,
              edges: bool = True, complete: bool = False,
              server_offset: str | None = None) -> st.SearchStrategy[Sample]:
    """Samples of ``type_name``: values the contract accepts (``contract``: its enums, lengths,
    patterns, ranges and required members), leaning to the edges that break integrations
    (``edges``): empty and long strings, CR/LF/tab, markup and astral characters, characters XML
    1.0 cannot carry, integer boundaries, 28- and 29-digit decimals at every scale, float ties,
    subnormals, NaN and infinities, DateTime at 0001-01-01 and 9999-12-31 with 0-7 fractional
    digits in every Kind, TimeSpan extremes, empty versus null versus absent, empty byte arrays,
    undefined enum values, Uris System.Uri re-spells.

    ``formats`` keeps to values every one of those encodings carries whole (an edge only where the
    target encoding can hold it); by default every sample is given, and ``Sample.encodings`` says
    which encodings hold it. ``complete`` gives every member a value, as a .NET object has;
    ``server_offset`` (``"+00:00"``) keeps Local DateTimes at the server's own offset.
    """
    values = values_for(spec, type_name, server_offset=server_offset, complete=complete, contract=contract,
                        edges=edges)
    def sample(value: Any) -> Sample:  # named: Hypothesis 6.100 reads a lambda's source on every draw
        return Sample(spec, type_name, value)

    samples = values.map(sample)
    if formats:
        wanted = tuple(formats)
        return samples.filter(lambda sample: all(holds(spec, type_name, sample.value, e) for e in wanted))
    return samples
