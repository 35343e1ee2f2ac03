#!/usr/bin/env bash
# One command: install what is missing, build the app, and run every test:
# native unit tests, then end-to-end tests in headless Chromium against real
# argilla-servers started on 127.0.0.1 by the harness.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
cd "$ROOT"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"
printf '\033[1m==> %s\033[0m\n' "Unit tests (native)"
cargo test --workspace --lib --bins
cargo test -p harness --tests
printf '\033[1m==> %s\033[0m\n' "End-to-end tests (Chromium + real argilla-server)"
cargo test --test e2e -- "$@"
