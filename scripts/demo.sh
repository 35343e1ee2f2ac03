#!/usr/bin/env bash
# One command: install what is missing, build the app, start a real Argilla
# server on 127.0.0.1 with demo data serving the app, print the URL and the
# demo credentials. Ctrl-C stops everything.
#   scripts/demo.sh [--base-url /argilla] [--space-without-storage] [--records N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
cd "$ROOT"
printf '\033[1m==> %s\033[0m\n' "Building the harness"
cargo build --quiet -p harness --bin argilla-demo
exec "$ROOT/target/debug/argilla-demo" "$@"
