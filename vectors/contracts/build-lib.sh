# build-lib.sh — helpers sourced by the contracts' build.sh scripts (POSIX sh).

# require TOOL HINT: fails clearly when TOOL is not on PATH (or not an executable path).
require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "error: '$1' not found. $2" >&2
    exit 1
  fi
}

# finish NAME: checks NAME.wasm.tmp against the platform rules and moves it to NAME.wasm.
# The committed binary is replaced only when the new one passes.
finish() {
  ../check-wasm.sh "$1.wasm.tmp" >/dev/null || { rm -f "$1.wasm.tmp"; echo "error: $1.wasm.tmp failed check-wasm.sh" >&2; exit 1; }
  mv "$1.wasm.tmp" "$1.wasm"
  echo "built $1.wasm ($(wc -c < "$1.wasm") bytes, sha256 $(sha256sum "$1.wasm" | cut -c1-16)…)"
}

# build_wat NAME: hand-written WAT -> wasm with wabt (no reference types beyond MVP; bulk memory,
# multi-value, sign-extension and saturating conversions are on by default in wabt 1.0.32).
build_wat() {
  require wat2wasm "Install wabt (apt-get install -y wabt)."
  require wasm-validate "Install wabt (apt-get install -y wabt)."
  wat2wasm --disable-reference-types "$1.wat" -o "$1.wasm.tmp"
  finish "$1"
}

# build_c NAME MAX_MEMORY_BYTES: freestanding C -> wasm32 with clang + wasm-ld (LLVM 14 tested).
# -mcpu=mvp pins the feature set (newer clangs enable sign-ext, multivalue, reference-types by
# default); -mbulk-memory lets __builtin_memcpy/memset become memory.copy/memory.fill.
build_c() {
  require clang "Install clang and lld (apt-get install -y clang lld)."
  require wasm-ld "Install lld (apt-get install -y lld)."
  clang --target=wasm32-unknown-unknown -mcpu=mvp -mbulk-memory -O2 -nostdlib -ffreestanding \
    -fno-ident -I../include -Wall -Wextra -Werror \
    -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=65536 -Wl,--max-memory="$2" \
    -o "$1.wasm.tmp" "$1.c"
  finish "$1"
}
