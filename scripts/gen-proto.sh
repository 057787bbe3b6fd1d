#!/usr/bin/env bash
# Generate the Python gRPC stubs of every contract in proto/ into one place,
# the shared library's bangkom.proto package (not in git).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/libs/platform/src"
target="$out/bangkom/proto"
rm -rf "$target"
mkdir -p "$target"
mapfile -t files < <(cd "$root/proto" && find . -name '*.proto' | sed 's|^\./||' | sort)
cd "$root/proto"
python -m grpc_tools.protoc -Ibangkom/proto=. \
  --python_out="$out" --pyi_out="$out" --grpc_python_out="$out" "${files[@]}"
# Packages for the generated modules (protoc writes none).
find "$target" -type d -exec touch {}/__init__.py \;
echo "generated stubs for ${#files[@]} contract(s) into ${target#$root/}"
