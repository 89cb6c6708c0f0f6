"""``convert`` and ``validate`` say the same thing about the same fault (codecs/messages.py).

Each broken payload in tests/validate/broken/ goes through both. Where ``convert`` refuses the
payload, ``validate`` has an error with the very same message at the same member; where
``convert`` reports what a serializer drops, ``validate`` warns about it in the same words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.codecs import detect
from converter.convert import convert
from converter.errors import PayloadError
from converter.spec import Spec
from converter.validate import Validator
from tests.validate.test_verdicts import BROKEN, EXPECTED

#: What convert can say of each payload: rules whose faults the codecs see too.
SHARED = {"syntax", "contract.type", "contract.root", "dotnet.skipped", "dotnet.unknown-member", "dotnet.binding"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_convert_and_validate_word_each_fault_alike(seed_spec: Spec, name: str) -> None:
    data = (BROKEN / name).read_bytes()
    found = Validator(seed_spec).check(data, name)
    target = "xml" if detect(data, name) != "xml" else "json"
    try:
        result = convert(seed_spec, data, to=target, source=name)
    except PayloadError as exc:
        said = [(f.message, f.at.clr() if f.at else "") for f in found if f.severity == "error"]
        assert (exc.message, exc.path.clr() if exc.path else "") in said, (exc.show(), said)
        return
    warned = {(f.message, f.at.clr() if f.at else "") for f in found if f.severity == "warning"}
    for loss in result.losses:
        assert (loss.message, loss.path.clr()) in warned, (str(loss), warned)
    assert not {f.rule for f in found if f.severity == "error"} & {"syntax", "contract.type", "contract.root"}


def test_every_shared_rule_is_compared() -> None:
    """The broken payloads exercise each rule both routes can report."""
    assert SHARED <= {name.rsplit(".", 1)[0] for name in EXPECTED}


def test_a_quoted_value_is_cut_and_escaped_so_a_finding_is_one_line(seed_spec: Spec, tmp_path: Path) -> None:
    long = "x" * 100 + "\n\u2028<>"
    payload = ('{"externalId": "e", "fromSecureRecipientExternalId": "f", "status": "%s"}' % long.replace("\n", "\\n"))
    found = Validator(seed_spec).check(payload.encode(), "p.json")
    assert len(found) == 1
    message = found[0].message
    assert "\n" not in str(found[0]) and "\u2028" not in str(found[0])
    assert message.startswith('expected one of Draft, Sent; got "xxxx') and message.endswith("(104 characters)")
