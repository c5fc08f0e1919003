#!/bin/sh
# Rebuilds ledger.wasm from ledger.wat (hand-written WebAssembly text).
# Needs wabt (wat2wasm, wasm-validate, wasm-objdump; Debian: apt-get install -y wabt).
set -eu
cd "$(dirname "$0")"
. ../build-lib.sh
build_wat ledger
