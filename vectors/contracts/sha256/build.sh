#!/bin/sh
# Rebuilds sha256.wasm from sha256.wat (hand-written WebAssembly text).
# Needs wabt (wat2wasm, wasm-validate, wasm-objdump; Debian: apt-get install -y wabt).
set -eu
cd "$(dirname "$0")"
. ../build-lib.sh
build_wat sha256
