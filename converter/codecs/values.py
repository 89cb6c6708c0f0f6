"""The in-memory value every codec decodes to and encodes from.

One shared shape, so any encoding converts to any other through it. The
Python type of a value depends on its spec type:

============================  =================================================
spec type                      Python value
============================  =================================================
string, Uri                    ``str`` (a Uri as written, not normalised)
char                           ``str`` of one UTF-16 code unit
bool                           ``bool``
byte ... ulong                 ``int``
float, double                  ``float`` (NaN and infinities included)
decimal                        ``decimal.Decimal``, scale kept (``1.10``)
Guid                           ``uuid.UUID``
DateTime                       ``DateTimeValue`` (ticks and Kind kept)
DateTimeOffset                 ``DateTimeOffsetValue``
TimeSpan                       ``TimeSpanValue`` (ticks)
byte[]                         ``bytes``
an enum                        ``int``, its value (flags combined)
``T?``                         the value of T, or ``None``
``List<T>``, ``T[]``           ``list``
``Dictionary<K,V>``            ``dict`` (insertion order kept)
a class                        ``dict`` of CLR member name to value; a member
                               that is absent is missing, a null one is ``None``
============================  =================================================
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..spec.datacontract import is_nillable
from ..spec.model import Spec, TypeRef
from ._convert import DateTimeOffsetValue, DateTimeValue, TimeSpanValue

__all__ = ["DateTimeOffsetValue", "DateTimeValue", "Loss", "TimeSpanValue", "entry_path", "is_default", "member_path"]


@dataclass(frozen=True, slots=True)
class Loss:
    """Something an encoding cannot carry: where (a member path) and what happens to it.

    >>> str(Loss("patients[0].subject", "an empty string is sent as null in form encoding"))
    'patients[0].subject: an empty string is sent as null in form encoding'
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(root)'}: {self.message}"


def member_path(parent: str, name: str) -> str:
    """The path of a member: CLR names joined by dots, no root type (``Patients[1].ExternalId``).

    >>> member_path("", "Patients"), member_path("Patients[1]", "ExternalId")
    ('Patients', 'Patients[1].ExternalId')
    """
    return f"{parent}.{name}" if parent else name


def entry_path(parent: str, key: Any) -> str:
    """The path of a list item or dictionary entry: ``Tags[0]``, ``Map["key"]``.

    >>> entry_path("Map", "a b"), entry_path("Tags", 0)
    ('Map["a b"]', 'Tags[0]')
    """
    return f"{parent}[{json.dumps(key, ensure_ascii=False) if isinstance(key, str) else key}]"


_MIN_CLOCK = datetime(1, 1, 1)


def is_default(spec: Spec, ref: TypeRef, value: Any) -> bool:
    """``default(T)``, which ``EmitDefaultValue=false`` leaves out of both XML and JSON, compared
    as .NET's Equals does: DateTime ignores Kind, DateTimeOffset compares the UTC instant,
    ``0.00m`` equals ``0m``."""
    if value is None:
        return True
    if is_nillable(spec, ref):
        return False
    match value:
        case DateTimeValue():
            return value.clock == _MIN_CLOCK and value.ticks == 0
        case DateTimeOffsetValue():
            return value.ticks == 0 and value.clock - _MIN_CLOCK == timedelta(minutes=value.offset_minutes)
        case TimeSpanValue():
            return value.ticks == 0
        case uuid.UUID():
            return value.int == 0
        case str():
            return value == "\0"
    return bool(value == 0)
