"""Hypothesis strategies for values of spec types, in the shared value model.

The only package that imports Hypothesis, which is the ``fuzz`` extra:
``pip install 'contractkit-dotnet[fuzz]'``.
"""

try:
    from .strategies import from_spec, values_for
    from .typical import typical
except ModuleNotFoundError as exc:  # pragma: no cover - depends on what is installed
    if exc.name != "hypothesis":
        raise
    raise ModuleNotFoundError("converter.fuzz needs Hypothesis: pip install 'contractkit-dotnet[fuzz]'",
                              name="hypothesis") from None

__all__ = ["from_spec", "typical", "values_for"]
