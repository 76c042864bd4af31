#!/usr/bin/env bash
# Builds the libFuzzer harness for PatrolWire decoding with AddressSanitizer and runs it.
# usage: Benchmarks/fuzz/run.sh [SECONDS=60] [extra libFuzzer flags...]
# Findings (crash-*, leak-*) land in .build/fuzz/; the corpus grows in .build/fuzz/corpus (both git-ignored).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/.build/fuzz
seconds=${1:-60}; shift || true
mkdir -p "$out/build" "$out/corpus"
cd "$out/build"
sanitize=(-sanitize=fuzzer,address)
proto_include=$root/Sources/CPatrolProto/include

# The generated C code, instrumented so that libFuzzer sees its branches too.
for c in "$root"/Sources/CPatrolProto/patrol/v1/*.pb-c.c; do
  clang -c -g -O1 -fsanitize=fuzzer-no-link,address -I"$proto_include" "$c" -o "$(basename "$c" .c).o"
done
# PatrolCore and PatrolWire as static libraries with their module files, the way SwiftPM would build them.
swiftc -parse-as-library -emit-library -static -g -Onone "${sanitize[@]}" \
  -module-name PatrolCore -emit-module -emit-module-path PatrolCore.swiftmodule -o libPatrolCore.a \
  $(find "$root/Sources/PatrolCore" -name '*.swift')
swiftc -parse-as-library -emit-library -static -g -Onone "${sanitize[@]}" -I . \
  -I "$proto_include" -module-name PatrolWire -emit-module -emit-module-path PatrolWire.swiftmodule \
  -o libPatrolWire.a $(find "$root/Sources/PatrolWire" -name '*.swift')
swiftc -parse-as-library -g -Onone "${sanitize[@]}" -I . -I "$proto_include" \
  "$root/Benchmarks/fuzz/FuzzDecode.swift" libPatrolWire.a libPatrolCore.a ./*.pb-c.o -lprotobuf-c \
  -o fuzz-decode

cd "$out"
exec build/fuzz-decode -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 "$@" corpus
