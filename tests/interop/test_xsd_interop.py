"""3. Our wire-profile XSD against XsdDataContractExporter's, exported on Mono at test time:
the same components (elements, types, order, occurrence, nillability, namespaces), and the same
verdict on the same payloads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from converter.codecs import xml
from converter.fuzz import values_for
from converter.generate.xsd import to_xsd
from converter.spec import Spec
from tests.interop.conftest import Dotnet, examples
from tests.xsd_structure import read_dir, structure


@pytest.fixture(scope="module")
def exported(dotnet: Dotnet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exported")
    dotnet.run("export-xsd", str(folder))
    return folder


def test_same_components_as_the_exporter(exported: Path, seed_spec: Spec, everything_spec: Spec) -> None:
    theirs = structure(read_dir(exported))
    for spec in (seed_spec, everything_spec):
        for namespace, components in structure(to_xsd(spec, "wire")).items():
            assert namespace in theirs
            for key, content in components.items():
                assert theirs[namespace].get(key) == content, (namespace, key)


@pytest.fixture(scope="module")
def exported_real(dotnet: Dotnet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exported-real")
    dotnet.run("export-xsd", str(folder), "real-contracts")
    return folder


def test_same_components_as_the_exporter_for_real_contracts(exported_real: Path, real_spec: Spec) -> None:
    assert structure(to_xsd(real_spec, "wire")) == structure(read_dir(exported_real))


def _schema(files: dict[str, bytes], folder: Path) -> etree.XMLSchema:
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    def load(p: Path) -> str:
        namespace = etree.parse(str(p)).getroot().get("targetNamespace")
        if namespace is None:  # the no-namespace schema: only a schema without a namespace includes it
            return f'<xs:include schemaLocation="{p.name}"/>'
        return f'<xs:import namespace="{namespace}" schemaLocation="{p.name}"/>'

    imports = "".join(load(p) for p in sorted(folder.glob("*.xsd")) if p.name != "index.xsd")
    (folder / "all.xsd").write_text(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>')
    return etree.XMLSchema(etree.parse(str(folder / "all.xsd")))


def _exporters(exported: Path, folder: Path) -> etree.XMLSchema:
    # The exporter's files carry no schemaLocation: point each import at its file.
    theirs_files = {}
    for path in exported.glob("*.xsd"):
        root = etree.parse(str(path)).getroot()
        for imp in root.iter("{http://www.w3.org/2001/XMLSchema}import"):
            target = next(p.name for p in exported.glob("*.xsd")
                          if etree.parse(str(p)).getroot().get("targetNamespace") == imp.get("namespace"))
            imp.set("schemaLocation", target)
        theirs_files[path.name] = etree.tostring(root)
    return _schema(theirs_files, folder)


def test_same_verdicts_on_the_same_payloads(exported: Path, everything_spec: Spec, tmp_path: Path) -> None:
    ours = _schema({k: v for k, v in to_xsd(everything_spec, "wire").items() if k != "index.xsd"}, tmp_path / "ours")
    theirs = _exporters(exported, tmp_path / "theirs")
    values = examples(values_for(everything_spec, "Everything", complete=True), 150, seed=11)
    payloads = [xml.encode(everything_spec, "Everything", v)[0] for v in values]
    payloads = [p for p in payloads if b"&#x" not in p]  # XML 1.0 parsers refuse control characters
    broken = [p.replace(b"<Flag>", b"<Flag>maybe", 1) for p in payloads[:20]]
    broken += [p.replace(b"<Int>", b"<Int>1.5", 1) for p in payloads[:20]]
    _same_verdicts(ours, theirs, payloads, broken)


def test_same_verdicts_on_real_contract_payloads(exported_real: Path, real_spec: Spec, tmp_path: Path) -> None:
    ours = _schema({k: v for k, v in to_xsd(real_spec, "wire").items() if k != "index.xsd"}, tmp_path / "ours")
    theirs = _exporters(exported_real, tmp_path / "theirs")
    payloads = []
    for type_name in ("Holder", "List<ProductModel>", "ProductList", "PriceBook", "PlainModel"):
        values = examples(values_for(real_spec, type_name, complete=True), 40, seed=11)
        payloads += [xml.encode(real_spec, type_name, v)[0] for v in values]
    payloads = [p for p in payloads if b"&#x" not in p]
    broken = [p.replace(b"<Success>", b"<Success>maybe", 1) for p in payloads if b"<Success>" in p][:20]
    broken += [p.replace(b"<Count xmlns=\"\">", b"<Count xmlns=\"\">1.5", 1) for p in payloads
               if b"<Count xmlns=\"\">" in p][:20]
    broken += [p.replace(b":Sku>", b":Sku><x/>", 1) for p in payloads if b":Sku>" in p][:20]
    assert len(broken) >= 20
    _same_verdicts(ours, theirs, payloads, broken)


def _same_verdicts(ours: etree.XMLSchema, theirs: etree.XMLSchema, payloads: list[bytes], broken: list[bytes]) -> None:
    for payload in payloads + broken:
        doc = etree.fromstring(payload)
        assert ours.validate(doc) == theirs.validate(doc), payload[:200]
    assert all(ours.validate(etree.fromstring(p)) for p in payloads)
    assert not any(ours.validate(etree.fromstring(p)) for p in broken)
