"""The limits hold for library callers too: ``limits.using`` runs a block under other limits."""

from __future__ import annotations

import pytest

from converter.codecs import codec
from converter.errors import PayloadError
from converter.limits import DEFAULT, Limits, current, using
from tests.hostile.test_fuzz import HOSTILE


def test_a_block_runs_under_its_limits_and_the_defaults_come_back() -> None:
    body = b"Name=a&Count=1&Level=Low"
    with using(Limits(max_form_keys=2)):
        with pytest.raises(PayloadError, match="more than 2 form keys"):
            codec("form").decode(HOSTILE, "Node", body, "x")
    assert current() == DEFAULT
    assert codec("form").decode(HOSTILE, "Node", body, "x").value == {"Name": "a", "Count": 1, "Level": 0}


def test_the_nesting_limit_is_one_setting_for_every_encoding() -> None:
    deep = {"json": b'{"child":' * 20 + b"{}" + b"}" * 20, "form": b"Child." * 20 + b"Name=x",
            "xml": b'<Node xmlns="http://schemas.datacontract.org/2004/07/Hostile">' + b"<Child>" * 20
                   + b"</Child>" * 20 + b"</Node>"}
    with using(Limits(max_depth=10)):
        for encoding in ("json", "form"):
            with pytest.raises(PayloadError, match="nested more than 10 deep"):
                codec(encoding).decode(HOSTILE, "Node", deep[encoding], "x")
    for encoding, data in deep.items():
        assert codec(encoding).decode(HOSTILE, "Node", data, "x").value  # under the default limit
