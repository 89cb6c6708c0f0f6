"""One function per type, built once: what the codecs' fast paths share.

A fast path (``json._Binder``, ``json._FastWriter``, ``xml._Binder``) builds a function for each type
it meets and keeps it with the spec; each function calls those of the types it holds.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable
from threading import RLock
from typing import Any, Generic, TypeVar

__all__ = ["Compiled", "Function"]

Key = TypeVar("Key", bound=Hashable)
Function = Callable[[Any], Any]


class Compiled(ABC, Generic[Key]):
    """Functions by key, each made once by ``build``. A type that holds itself calls its own function
    through a forward reference while it is built; what one call builds is published at its end, so
    another thread never calls a function half made."""

    def __init__(self) -> None:
        self.bound: dict[Key, Function] = {}
        self._building: dict[Key, Function] = {}
        self._lock = RLock()

    def function(self, key: Key) -> Function:
        found = self.bound.get(key)
        if found is not None:
            return found
        with self._lock:
            found = self.bound.get(key) or self._building.get(key)
            if found is not None:
                return found
            outer = not self._building
            later: list[Function] = []
            self._building[key] = lambda value: later[0](value)
            try:
                found = self.build(key)
                later.append(found)
                self._building[key] = found
                if outer:
                    self.bound.update(self._building)
            finally:
                if outer:
                    self._building.clear()
            return found

    @abstractmethod
    def build(self, key: Key) -> Function:
        """The function of ``key``; ``function`` gives those of the keys it needs."""
