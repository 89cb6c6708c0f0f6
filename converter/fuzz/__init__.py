"""Hypothesis strategies for values of spec types, in the shared value model.

The only package that imports Hypothesis; the CLI imports it lazily.
"""

from .strategies import from_spec, values_for

__all__ = ["from_spec", "values_for"]
