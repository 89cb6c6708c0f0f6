"""Check payloads against the contract; every problem becomes a located ``Finding``."""

from .contract import Validator
from .findings import Finding

__all__ = ["Finding", "Validator"]
