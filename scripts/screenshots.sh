#!/usr/bin/env bash
# Screenshots of this app and Argilla 2.8.0's own frontend at the same states
# (signed out, a sign-in error, home, a dialog, annotation, filters, bulk,
# settings, a missing dataset) at desktop and 380 px widths, taken from one
# argilla-server serving both (the benchmark's setup), into one folder with an
# index.html showing each pair side by side. Not part of scripts/test.sh.
#   scripts/screenshots.sh [DIR (.work/screenshots)]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/.work/screenshots}")"
. "$ROOT/scripts/prepare.sh"
say "Screenshots of argilla-lite and Argilla's own UI into $OUT"
cargo run -p bench -- --records 200 --annotate 10 --large 0 --screenshots "$OUT"
