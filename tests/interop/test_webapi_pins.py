"""Each class of difference the real Web API binder and formatters make, pinned with the server's own
answer (Mono 6.8's ASP.NET Web API, self-hosted by webapi.py at TZ=UTC) next to contractkit's reading.

The model is webapi.yaml's ``Probe`` (webapi/Models.cs); ``api/probe`` echoes what it bound.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from converter.codecs import codec
from converter.codecs.values import as_object
from converter.errors import PayloadError
from converter.spec import load_spec
from converter.spec.datacontract import camel_case
from converter.spec.model import Named
from tests.interop import webapi as host
from tests.interop.conftest import Dotnet
from tests.interop.webapi import Service

SPEC = load_spec(host.WEBAPI / "webapi.yaml")
FORM = "application/x-www-form-urlencoded"


def echo(service: Service, body: bytes, content_type: str = FORM, accept: str = "application/json",
         path: str = "api/probe") -> tuple[int, Any]:
    reply = service.post(path, body, content_type, accept)
    if reply.status == 200 and accept == "application/json":
        return reply.status, json.loads(reply.body)
    return reply.status, reply.body


def ours(body: bytes) -> tuple[Any, list[str]]:
    """contractkit's reading of a form body, and its losses as text."""
    value, losses = codec("form").decode(SPEC, "Probe", body)
    return value, [str(loss) for loss in losses]


def predicted_json(body: bytes) -> bytes:
    """What contractkit says the server answers in JSON: its reading, as the .NET object, written."""
    value, _ = codec("form").decode(SPEC, "Probe", body)
    return codec("json").encode(SPEC, "Probe", as_object(SPEC, Named("Probe"), value))[0]


def test_a_byte_array_binds_from_base64_only(webapi: Service) -> None:
    assert echo(webapi, b"Data=QEA%3D")[1]["data"] == "QEA="
    assert ours(b"Data=QEA%3D") == ({"Data": b"@@"}, [])
    for decimals in (b"Data=64&Data=64", b"Data[0]=64&Data[1]=64", b"Data%5B%5D=64&Data%5B%5D=64", b"Data=QEA"):
        assert echo(webapi, decimals)[1]["data"] is None, decimals
        value, losses = ours(decimals)
        assert value.get("Data") is None and losses and losses[0].startswith("Data"), decimals
    # And contractkit writes a byte[] as the one base64 value the binder reads.
    assert codec("form").encode(SPEC, "Probe", {"Data": b"@@"})[0] == b"Data=QEA%3D"


def test_a_public_field_is_not_bound_from_a_form_but_is_from_json(webapi: Service) -> None:
    assert echo(webapi, b"Building=b&Name=n")[1]["building"] is None
    assert ours(b"Building=b&Name=n") == ({"Name": "n"}, [
        "Building: a public field: Web API's form binder sets properties only, so the value is ignored"])
    assert echo(webapi, b'{"building":"b"}', "application/json")[1]["building"] == "b"
    # Json.NET writes public fields before properties (webapi.yaml declares Building second).
    assert list(echo(webapi, b"Name=n")[1])[:2] == ["building", "name"]
    assert predicted_json(b"Name=n") == webapi.post("api/probe", b"Name=n", FORM, "application/json").body


@pytest.mark.parametrize("text", ["2020-01-02T03:04:05Z", "2020-01-02T05:04:05+02:00"])
def test_a_zoned_date_time_binds_as_server_local_time(webapi: Service, text: str) -> None:
    body = b"When=" + text.replace("+", "%2B").encode()
    assert echo(webapi, body)[1]["when"] == "2020-01-02T03:04:05+00:00"  # Local kind, on a UTC server
    value, losses = ours(body)
    assert losses == ["When: DateTime.Parse converts a time with Z or an offset to the server's local time, "
                      "so its zone is not kept"]


def test_blank_strings_in_a_collection_bind_null(webapi: Service) -> None:
    for body in (b"Strings=a&Strings=&Strings=%20", b"Strings[0]=a&Strings[1]=&Strings[2]=%20",
                 b"Strings%5B%5D=a&Strings%5B%5D=&Strings%5B%5D=%20"):
        assert echo(webapi, body)[1]["strings"] == ["a", None, None]
        assert ours(body) == ({"Strings": ["a", None, None]}, [])
    assert echo(webapi, b"Strings=")[1]["strings"] == [None]
    assert ours(b"Strings=")[0] == {"Strings": [None]}


def test_a_uri_comes_back_normalised(webapi: Service) -> None:
    body = b"Link=HTTP://Example.COM/a/../b"
    assert echo(webapi, body)[1]["link"] == "http://example.com/b"
    assert ours(body)[1] == ['Link: System.Uri normalises "HTTP://Example.COM/a/../b" to "http://example.com/b"']


def test_mono_answers_500_or_400_for_a_relative_uri(webapi: Service) -> None:
    # From a form, Mono's DefaultBodyModelValidator walks into the Uri's properties and AbsolutePath
    # throws for a relative one (500); the embedded Json.NET refuses one outright (400). Mono also reads
    # "/x" as the absolute file:///x.
    status, answer = echo(webapi, b"Link=a%20b")
    assert status == 500 and b"relative URI" in answer
    status, answer = echo(webapi, b'{"link":"relative/path"}', "application/json")
    assert status == 400 and b"Error converting value" in answer
    assert echo(webapi, b"Link=/rel/../x")[1]["link"] == "file:///x"


def test_char_takes_one_utf16_unit_trimmed_and_a_blank_is_a_model_error(webapi: Service) -> None:
    assert echo(webapi, b"Letter=%20a")[1]["letter"] == "a"
    assert ours(b"Letter=%20a")[0] == {"Letter": "a"}
    status, answer = echo(webapi, b"Letter=%20")
    assert status == 400 and b"A value is required." in answer
    assert ours(b"Letter=%20") == ({}, ["Letter: an empty value cannot set a non-nullable char: the member is left "
                                        "unset and ModelState gets 'A value is required.'"])
    for two in (b"Letter=ab", b"Letter=%F0%9F%98%80"):  # two characters; a surrogate pair is two UTF-16 units
        assert echo(webapi, two)[0] == 400
        with pytest.raises(PayloadError):
            ours(two)


@pytest.mark.parametrize("text, written", [("16777217", 16777216.0), ("0.30000001", 0.3), ("1.1754944E-38", 1.17549435E-38),
                                           ("3.4028235E%2B38", 3.40282347E+38)])
def test_float_binds_as_single_and_is_written_as_its_shortest_text(webapi: Service, text: str, written: float) -> None:
    body = b"Ratio=" + text.encode()
    reply = webapi.post("api/probe", body, FORM, "application/json")
    assert json.loads(reply.body)["ratio"] == written
    assert predicted_json(body) == reply.body


def test_the_embedded_json_net_camel_cases_only_the_first_letter(webapi: Service) -> None:
    answer = echo(webapi, b'{"iD":"a","isHTTPS":"b"}', "application/json")[1]
    assert (answer["iD"], answer["isHTTPS"]) == ("a", "b")
    assert [camel_case(n, "webapi") for n in ("ID", "IsHTTPS")] == ["iD", "isHTTPS"]
    everything = echo(webapi, b'{"uRLValue":"x","map":{"IsHTTPS":"a"}}', "application/json",
                      path=host.echo_path(load_spec("schemas/everything.yaml"), "Everything"))[1]
    assert everything["uRLValue"] == "x" and everything["map"] == {"isHTTPS": "a"}  # dictionary keys too
    assert camel_case("URLValue", "webapi") == "uRLValue"


def test_json_net_6_0_8_is_the_4_5_11_generation(dotnet: Dotnet) -> None:
    # Debian's Json.NET 6.0.8 (CamelCasePropertyNamesContractResolver) camel-cases dictionary keys too.
    xml = (b'<Everything xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
           b'xmlns="http://schemas.datacontract.org/2004/07/Contoso.Everything"><Map '
           b'xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:KeyValueOfstringstring>'
           b'<d2p1:Key>IsHTTPS</d2p1:Key><d2p1:Value>v</d2p1:Value></d2p1:KeyValueOfstringstring>'
           b'<d2p1:KeyValueOfstringstring><d2p1:Key>ID</d2p1:Key><d2p1:Value>w</d2p1:Value>'
           b'</d2p1:KeyValueOfstringstring></Map></Everything>')
    written = json.loads(dotnet.batch("xml-to-json", "Everything", {"a.xml": xml})["a.xml"])
    assert list(written["map"]) == ["ishttps", "id"]
    assert [camel_case(n, "4.5.11") for n in ("IsHTTPS", "ID")] == ["ishttps", "id"]
    assert camel_case("IsHTTPS") == "isHTTPS"  # 8.0.3 and later (Newtonsoft.Json#1330), the default


def test_the_embedded_json_net_writes_emit_default_value_false_members(webapi: Service) -> None:
    spec = load_spec("schemas/everything.yaml")
    answer = echo(webapi, b'{"code":"c"}', "application/json", path=host.echo_path(spec, "Thing"))[1]
    assert answer == {"count": 0, "alpha": None, "note": None, "zed": None, "code": "c"}


def test_monos_xml_formatter_cuts_an_answer_with_a_control_character(webapi: Service) -> None:
    # Mono's XmlMediaTypeFormatter (Web API 1) writes with CheckCharacters on and fails mid-answer: an
    # empty 200. Web API 2's source sets CheckCharacters = false, as contractkit's XML writer assumes.
    reply = webapi.post("api/probe", b'{"name":"a\\u0001"}', "application/json", "application/xml")
    assert (reply.status, reply.body) == (200, b"")
    assert b"<Name>a&#x1;</Name>" in codec("xml").encode(SPEC, "Probe", {"Name": "a\x01"})[0]


def test_the_embedded_json_net_writes_nan_as_a_bare_symbol(webapi: Service) -> None:
    # Not JSON, but what Json.NET's own reader takes: contractkit reads it as Json.NET does, and
    # validate warns that other clients refuse it (dotnet.lenient-json).
    reply = webapi.post("api/probe", b'{"ratio":"NaN"}', "application/json", "application/json")
    assert b'"ratio":NaN' in reply.body
    value, _ = codec("json").decode(SPEC, "Probe", reply.body)
    assert math.isnan(value["Ratio"])
    from converter.validate import Validator

    assert "dotnet.lenient-json" in {f.rule for f in Validator(SPEC).check(reply.body, "<echo>", type_name="Probe")}
