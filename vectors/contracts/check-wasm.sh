#!/bin/sh
# check-wasm.sh FILE.wasm... — checks that a built contract fits the Ecliptica platform:
#   * validates with only the allowed WebAssembly 2.0 features (no SIMD, threads, reference types
#     beyond MVP call_indirect, multi-memory, tail calls, exceptions);
#   * imports only functions, only from module "ecliptica", only names listed in docs/abi.md §3,
#     each with exactly the ABI signature;
#   * exports its memory as "memory", with at most 1024 pages (initial and maximum);
#   * is smaller than 100 KB.
# Needs wabt (wasm-validate, wasm-objdump). Exit status 1 on the first failing file.
set -eu
for tool in wasm-validate wasm-objdump; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check-wasm: '$tool' not found (apt-get install wabt)" >&2; exit 2; }
done
status=0
for f in "$@"; do
  fail() { echo "check-wasm: $f: $*" >&2; status=1; }
  wasm-validate --disable-reference-types --disable-simd "$f" || { fail "does not validate with the allowed feature set"; continue; }
  size=$(wc -c < "$f")
  [ "$size" -lt 102400 ] || fail "too large ($size bytes)"
  dump=$(wasm-objdump -x "$f")
  # Imports: every line in the Import section must be a function from "ecliptica" with the ABI type.
  bad=$(printf '%s\n' "$dump" | awk '
    BEGIN {
      abi["input_size"]     = "() -> i32"
      abi["input_read"]     = "(i32, i32, i32) -> nil"
      abi["storage_read"]   = "(i32, i32, i32, i32) -> i32"
      abi["storage_write"]  = "(i32, i32, i32, i32) -> nil"
      abi["storage_remove"] = "(i32, i32) -> i32"
      abi["return_data"]    = "(i32, i32) -> nil"
      abi["emit_event"]     = "(i32, i32, i32, i32) -> nil"
      abi["caller"]         = "(i32) -> nil"
      abi["self_address"]   = "(i32) -> nil"
      abi["block_height"]   = "() -> i64"
      abi["block_time"]     = "() -> i64"
      abi["revert"]         = "(i32, i32) -> nil"
      abi["abort"]          = "(i32, i32) -> nil"
      abi["crypto_sha256"]  = "(i32, i32, i32) -> nil"
      abi["crypto_ml_dsa_65_verify"] = "(i32, i32, i32, i32) -> i32"
      abi["crypto_seal_to_caller"]   = "(i32, i32, i32) -> nil"
      abi["call_contract"]  = "(i32, i32, i32, i64) -> i32"
      abi["call_output"]    = "(i32, i32) -> i32"
    }
    /^[A-Za-z]+\[[0-9]+\]:/ { sec = $1; sub(/\[.*/, "", sec); next }
    sec == "Type" && /^ - type\[/ {
      t = $2; gsub(/type\[|\]/, "", t); s = $0; sub(/^ - type\[[0-9]+\] /, "", s); types[t] = s; next }
    sec == "Import" && /^ - / {
      if ($2 !~ /^func\[/) { print "non-function import: " $0; next }
      sig = $3; sub(/sig=/, "", sig)
      src = $NF; mod = src; sub(/\..*/, "", mod); name = src; sub(/^[^.]*\./, "", name)
      if (mod != "ecliptica") { print "import from module other than ecliptica: " src; next }
      if (!(name in abi)) { print "import of a name outside the ABI: " src; next }
      if (types[sig] != abi[name]) { print "import " name " has type " types[sig] ", ABI says " abi[name] }
    }
    sec == "Export" && /^ - memory\[0\] -> "memory"/ { mem = 1 }
    sec == "Memory" && /^ - memory\[/ {
      nmem++
      if (match($0, /initial=[0-9]+/)) { v = substr($0, RSTART + 8, RLENGTH - 8); if (v + 0 > 1024) print "initial memory over 1024 pages" }
      if (match($0, /max=[0-9]+/)) { v = substr($0, RSTART + 4, RLENGTH - 4); if (v + 0 > 1024) print "maximum memory over 1024 pages" }
      else print "memory has no maximum (engines would allow growth past 1024 pages)"
    }
    END { if (!mem) print "memory not exported as \"memory\""; if (nmem != 1) print "expected exactly one memory" }')
  if [ -n "$bad" ]; then fail "$bad"; continue; fi
  echo "check-wasm: $f ok ($size bytes)"
done
exit $status
