#!/usr/bin/env bash
# Release build of the app into dist/ (offline; tools come from setup.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
cd "$ROOT"
printf '\033[1m==> %s\033[0m\n' "Building the app (trunk build --release)"
trunk build --release
