#!/bin/sh
# Rebuilds every bundled contract by running each <name>/build.sh; stops at the first failure.
set -eu
cd "$(dirname "$0")"
for script in */build.sh; do
  echo "== ${script%/build.sh}"
  sh "$script"
done
