#!/bin/sh
# Compile the interop driver with Mono's mcs into OUTDIR (default tests/interop/dotnet/bin/, git-ignored).
# The models are the C# contractkit generates from the three bundled specs (generate --csharp), written
# to OUTDIR/models; PYTHON (default python3) must be able to import converter.
# Needs Debian packages mono-devel and libnewtonsoft-json5.0-cil (Json.NET 6.0.8).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
nj=${NEWTONSOFT_JSON_DLL:-}
if [ -z "$nj" ]; then
  for c in /usr/lib/cli/Newtonsoft.Json-5.0/Newtonsoft.Json.dll \
           /usr/lib/mono/gac/Newtonsoft.Json/6.0.0.0__b9a188c8922137c6/Newtonsoft.Json.dll; do
    [ -f "$c" ] && { nj=$c; break; }
  done
fi
[ -n "$nj" ] || nj=$(find /usr/lib/cli /usr/lib/mono -name Newtonsoft.Json.dll 2>/dev/null | head -n 1)
[ -n "$nj" ] || { echo "Newtonsoft.Json.dll not found (apt-get install libnewtonsoft-json5.0-cil)" >&2; exit 1; }
out=${1:-$here/bin}
mkdir -p "$out/models"
for spec in outgoing-secure-messages everything real-contracts; do
  "${PYTHON:-python3}" -m converter generate "$root/schemas/$spec.yaml" --csharp "$out/models/$spec"
done
cp "$nj" "$out/Newtonsoft.Json.dll"
mcs -nologo -warnaserror+ -sdk:4.5 -target:exe -out:"$out/Interop.exe" \
    -r:System.Runtime.Serialization.dll -r:System.Xml.dll -r:System.Core.dll -r:"$nj" \
    "$out"/models/*/*.cs "$here/Interop.cs"
echo "built $out/Interop.exe (Json.NET: $nj)"
