#!/bin/sh
# Check that Mono reproduces the help page's request samples for OutgoingSecureMessageModel:
# the XML byte for byte once the help page's line breaks are removed, the JSON as data and key order.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
hp=${1:-$here/../../../shared/seed/OutgoingSecureMessages.helppage.txt}
exe="mono $here/dotnet/bin/Interop.exe"
export TZ=UTC
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
awk '/^application\/xml/{f++; next} f==1 && /^application\/x-www/{exit} f==1{sub(/^[ \t]+/, ""); printf "%s", $0}' "$hp" > "$tmp/hp.xml"
awk '/^Request Formats/{g=1} g && /^application\/json/{f=1; next} f && /^application\/xml/{exit} f{print}' "$hp" > "$tmp/hp.json"
$exe helppage-seed xml > "$tmp/mono.xml"
$exe helppage-seed json > "$tmp/mono.json"
cmp "$tmp/hp.xml" "$tmp/mono.xml"
echo "ok: helppage-seed XML == help page XML (indentation removed)"
python3 - "$tmp/hp.json" "$tmp/mono.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
raw = open(sys.argv[2], encoding="utf-8").read()
b = json.loads(raw)
assert a == b and list(a) == list(b), "JSON differs"
assert json.dumps(a, separators=(",", ":"), ensure_ascii=False) == raw, "JSON text differs"
print("ok: helppage-seed JSON == help page JSON (as data, same key order, same text without whitespace)")
PY
$exe json-to-xml OutgoingSecureMessageModel < "$tmp/hp.json" | cmp - "$tmp/hp.xml"
echo "ok: json-to-xml(help page JSON) == help page XML"
$exe xml-to-json OutgoingSecureMessageModel < "$tmp/hp.xml" | cmp - "$tmp/mono.json"
echo "ok: xml-to-json(help page XML) == Mono JSON"
