#!/usr/bin/env bash
# Regenerates Sources/CPatrolProto from Protos/patrol/v1/*.proto with protoc-c.
# usage: Scripts/gen-protos.sh [OUT_DIR]   (default: Sources/CPatrolProto; tests pass a temp dir to compare)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/Sources/CPatrolProto}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
protoc-c --c_out="$tmp" -I"$root/Protos" "$root"/Protos/patrol/v1/*.proto
mkdir -p "$out/include/patrol/v1" "$out/patrol/v1"
cp "$tmp"/patrol/v1/*.pb-c.h "$out/include/patrol/v1/"
cp "$tmp"/patrol/v1/*.pb-c.c "$out/patrol/v1/"
{
  echo "// Umbrella header of the generated protobuf-c code; regenerate with \`make protos\`."
  for h in "$out"/include/patrol/v1/*.pb-c.h; do echo "#include \"patrol/v1/$(basename "$h")\""; done
} >"$out/include/CPatrolProto.h"
cat >"$out/include/module.modulemap" <<'MAP'
module CPatrolProto {
    header "CPatrolProto.h"
    link "protobuf-c"
    export *
}
MAP
