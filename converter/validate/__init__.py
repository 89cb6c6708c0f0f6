"""Check payloads against the contract; every problem becomes a located ``Finding``."""

from .engine import Validator
from .findings import Finding

__all__ = ["Finding", "Validator"]
