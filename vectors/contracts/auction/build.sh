#!/bin/sh
# Rebuilds auction.wasm from assembly/auction.ts (AssemblyScript, version pinned in package.json /
# package-lock.json). Needs node + npm; runs `npm ci` when node_modules is missing (downloads the
# pinned assemblyscript and its dependencies from the npm registry). Also needs wabt for the checks.
set -eu
cd "$(dirname "$0")"
. ../build-lib.sh
require node "Install Node.js 18+ (apt-get install -y nodejs npm)."
if [ ! -x node_modules/.bin/asc ]; then
  require npm "Install npm (apt-get install -y npm)."
  npm ci --no-audit --no-fund
fi
# --runtime stub: bump allocator, no GC (every call runs in a fresh instance anyway).
# --use abort=...: AssemblyScript's abort goes to ecliptica.abort instead of importing env.abort.
# Reference types, SIMD, threads stay at their default (off); bulk memory, sign-extension,
# non-trapping float-to-int and mutable globals (defaults) are allowed by the platform.
node_modules/.bin/asc assembly/auction.ts -o auction.wasm.tmp \
  --runtime stub -O3 --noAssert --use abort=assembly/auction/contractAbort \
  --initialMemory 1 --maximumMemory 16
finish auction
