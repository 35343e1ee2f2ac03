#!/usr/bin/env bash
# One command: install what is missing, build the app, start a real Argilla
# server on 127.0.0.1 with demo data serving the app, print the URL and the
# demo credentials. Ctrl-C stops everything.
#   scripts/demo.sh [--base-url /argilla] [--space-without-storage] [--records N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/prepare.sh"
say "Building the harness"
cargo build --quiet -p harness --bin argilla-demo
exec "$ROOT/target/debug/argilla-demo" "$@"
