#!/usr/bin/env bash
# Generates the Python protobuf classes of Protos/patrol/v1 into OUT_DIR (never into the source tree), for
# docs/examples/example_device.py and other Python tools: PYTHONPATH=OUT_DIR python3 ...
# usage: Scripts/python-protos.sh OUT_DIR      (e.g. .venv/protos)
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: Scripts/python-protos.sh OUT_DIR" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
protoc --python_out="$1" -I"$root/Protos" "$root"/Protos/patrol/v1/*.proto
echo "wrote $(ls "$1"/patrol/v1/*_pb2.py | wc -l) modules to $1/patrol/v1"
