#!/bin/sh
# Rebuild the Mono interop driver and regenerate the committed ground truth:
#   tests/interop/expected/xsd/*.xsd   (XsdDataContractExporter)
#   fixtures/everything/*.{xml,json}   (DataContractSerializer / Json.NET 6.0.8)
#   fixtures/outgoing-secure-messages/*.{xml,json}
#   tests/interop/expected/xsd-real-contracts/*.xsd, fixtures/real-contracts/*.{xml,json}
# TZ=UTC: DateTimeKind.Local values print as +00:00, as on the help page's server.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
"$here/dotnet/build.sh"
export TZ=UTC
rm -f "$here"/expected/xsd/*.xsd
mono "$here/dotnet/bin/Interop.exe" export-xsd "$here/expected/xsd"
mono "$here/dotnet/bin/Interop.exe" samples "$root/fixtures/everything" "$root/fixtures/outgoing-secure-messages"
mkdir -p "$here/expected/xsd-real-contracts"
rm -f "$here"/expected/xsd-real-contracts/*.xsd "$root"/fixtures/real-contracts/*.xml "$root"/fixtures/real-contracts/*.json
mono "$here/dotnet/bin/Interop.exe" export-xsd "$here/expected/xsd-real-contracts" real-contracts
mono "$here/dotnet/bin/Interop.exe" samples-real "$root/fixtures/real-contracts"
mono "$here/dotnet/bin/Interop.exe" samples-9b "$root/fixtures/real-contracts"
"$here/check-seed.sh"
