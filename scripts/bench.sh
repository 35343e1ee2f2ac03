#!/usr/bin/env bash
# Benchmarks this app against Argilla 2.8.0's own frontend, side by side: one
# argilla-server serving both, the same data, the same headless Chromium.
# Not part of scripts/test.sh. Results go to bench/results/ (see bench/README-section.md).
#   scripts/bench.sh [--reps N] [--records N] [--annotate N] [--big-bytes N] [--out DIR] [--serve]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
cd "$ROOT"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"
printf '\033[1m==> %s\033[0m\n' "Benchmark: argilla-lite vs Argilla's own UI"
cargo run -p bench -- "$@"
