#!/bin/sh
# Rebuilds metering.wasm from metering.wat (hand-written WebAssembly text).
# Needs wabt (wat2wasm, wasm-validate; Debian: apt-get install -y wabt).
# Unlike the other contracts this one skips check-wasm.sh on purpose: its memory declares no
# maximum, to show the profile's 1024-page cap (raw engines would let it grow further).
set -eu
cd "$(dirname "$0")"
. ../build-lib.sh
require wat2wasm "Install wabt (apt-get install -y wabt)."
require wasm-validate "Install wabt (apt-get install -y wabt)."
wat2wasm --disable-reference-types metering.wat -o metering.wasm.tmp
wasm-validate --disable-reference-types metering.wasm.tmp
mv metering.wasm.tmp metering.wasm
echo "built metering.wasm ($(wc -c < metering.wasm) bytes)"
