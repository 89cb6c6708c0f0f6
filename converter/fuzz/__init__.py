"""Hypothesis strategies for a spec's types, the properties ``contractkit fuzz`` runs, and fixtures.

- ``from_spec(spec, type)``: ``Sample``s of values the contract accepts, leaning to the edges,
  each with its JSON, XML and form bytes (``sample.json``, ``sample.xml``, ``sample.form``);
- ``invalid_from_spec(spec, type)``: ``InvalidCase``s, each breaking exactly one rule, with the
  member path and the encodings in which it is really invalid;
- ``values_for(spec, type)``: bare values in the codecs' value model.

The only package that imports Hypothesis, which is the ``fuzz`` extra:
``pip install 'contractkit-dotnet[fuzz]'``.
"""

try:
    from .invalid import InvalidCase, invalid_from_spec
    from .samples import Sample, from_spec
    from .strategies import values_for
    from .typical import typical
except ModuleNotFoundError as exc:  # pragma: no cover - depends on what is installed
    if exc.name != "hypothesis":
        raise
    raise ModuleNotFoundError("converter.fuzz needs Hypothesis: pip install 'contractkit-dotnet[fuzz]'",
                              name="hypothesis") from None

__all__ = ["InvalidCase", "Sample", "from_spec", "invalid_from_spec", "typical", "values_for"]
