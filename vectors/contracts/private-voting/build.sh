#!/bin/sh
# Rebuilds private-voting.wasm from private-voting.c (freestanding C, header ../include/ecliptica.h).
# Needs clang + lld with the wasm32 target (Debian 12: apt-get install -y clang lld, LLVM 14)
# and wabt for the checks (apt-get install -y wabt).
set -eu
cd "$(dirname "$0")"
. ../build-lib.sh
build_c private-voting 131072
