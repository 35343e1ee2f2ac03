#!/usr/bin/env bash
# One command: install what is missing, build the app, and run every test:
# native unit tests, then end-to-end tests in headless Chromium against real
# argilla-servers started on 127.0.0.1 by the harness.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/prepare.sh"
say "Unit tests (native)"
cargo test --workspace --lib --bins
cargo test -p harness --tests
say "End-to-end tests (Chromium + real argilla-server)"
cargo test --test e2e -- "$@"
