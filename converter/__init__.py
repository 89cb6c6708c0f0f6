"""contractkit: one field spec for a .NET Web API's JSON, DataContract XML and form payloads.

This module only re-exports; see the subpackages for the work.
"""

from .errors import ContractkitError, Origin, SpecError, StaleOutputError
from .spec import load_spec, parse_spec

__version__ = "0.1.0"

__all__ = ["ContractkitError", "Origin", "SpecError", "StaleOutputError", "__version__", "load_spec", "parse_spec"]
