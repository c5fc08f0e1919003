#!/bin/sh
# Rebuilds token.wasm from token.rs (Rust, #![no_std], no Cargo, no crates).
# Needs Debian's rustc with the wasm32 standard library (Debian 12: rustc 1.63):
#   apt-get install -y rustc libstd-rust-dev-wasm32
# A rustup toolchain earlier on PATH usually lacks the wasm32 target, so this script calls
# /usr/bin/rustc unless RUSTC is set. Also needs wabt for the checks (apt-get install -y wabt).
set -eu
cd "$(dirname "$0")"
. ../build-lib.sh
RUSTC=${RUSTC:-/usr/bin/rustc}
[ -x "$RUSTC" ] || { echo "error: $RUSTC not found. Install Debian's rustc (apt-get install -y rustc libstd-rust-dev-wasm32) or set RUSTC." >&2; exit 1; }
libdir=$("$RUSTC" --print target-libdir --target wasm32-unknown-unknown)
ls "$libdir"/libcore-*.rlib >/dev/null 2>&1 || { echo "error: $RUSTC has no wasm32-unknown-unknown standard library in $libdir (apt-get install -y libstd-rust-dev-wasm32)." >&2; exit 1; }
# Newer rustc versions (1.82+) enable reference-types (and multivalue, sign-ext) on wasm32 by
# default; the platform forbids reference types, so they are switched off explicitly. Multi-value
# and sign-extension are allowed. rustc 1.63 emits plain MVP code either way.
"$RUSTC" --edition 2021 --crate-type cdylib --crate-name token --target wasm32-unknown-unknown \
  -C opt-level=2 -C panic=abort -C debuginfo=0 -C strip=symbols -C codegen-units=1 \
  -C target-feature=-reference-types,-simd128,-atomics \
  --remap-path-prefix="$(pwd)=." \
  -C link-arg=-zstack-size=65536 -C link-arg=--max-memory=131072 \
  -o token.wasm.tmp token.rs
finish token
