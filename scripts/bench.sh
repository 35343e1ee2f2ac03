#!/usr/bin/env bash
# Benchmarks this app against Argilla 2.8.0's own frontend, side by side: one
# argilla-server serving both, the same data, the same headless Chromium.
# Not part of scripts/test.sh. Results go to bench/results/ (see bench/README-section.md).
#   scripts/bench.sh [--reps N] [--records N] [--annotate N] [--big-bytes N] [--out DIR] [--serve]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/prepare.sh"
say "Benchmark: argilla-lite vs Argilla's own UI"
cargo run -p bench -- "$@"
