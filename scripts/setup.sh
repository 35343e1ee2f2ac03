#!/usr/bin/env bash
# Installs what the app, the local Argilla server and the tests need, skipping
# whatever is already present. Safe to run again. Source it (as demo.sh and
# test.sh do) to also get the PATH it sets up.
#
#   Debian packages: redis-server, chromium, chromium-driver (apt)
#   npm:             binaryen@132 (wasm-opt; Debian's 108 produces a broken wasm), terser (minifies the JS glue), axe-core (a11y checks)
#   cargo:           trunk 0.21.14, wasm-bindgen-cli 0.2.130, the wasm32 target
#   Python venv:     argilla-server 2.8.0 + osmem-server 0.1.6 in .work/venv
#   Python SDK:      argilla 2.8.0 in .work/sdk-venv (the backup test loads a backup with it)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.work"
VENV="${ARGILLA_LITE_VENV:-$WORK/venv}"
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
AXE_VERSION=4.14.1
TERSER_VERSION=5.51.4
ARGILLA_SERVER_VERSION=2.8.0
OSMEM_VERSION=0.1.6

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

mkdir -p "$WORK"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

# --- Debian packages -------------------------------------------------------
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -qi liberation || missing+=(fonts-liberation)
command -v python3 >/dev/null || missing+=(python3 python3-venv)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  say "Debian packages present (redis-server, chromium, chromium-driver)"
fi

# --- Rust toolchain pieces ---------------------------------------------------
if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "Installing trunk $TRUNK_VERSION (takes about 12 minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
else
  say "trunk $TRUNK_VERSION present"
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes once)"
  # Not --locked: its lockfile wants a webpki-roots the registry here does not have.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
else
  say "wasm-bindgen $WASM_BINDGEN_VERSION present"
fi

# --- wasm-opt from npm --------------------------------------------------------
npm_ok() { grep -q "\"version\": \"$2\"" "$ROOT/node_modules/$1/package.json" 2>/dev/null; }
if ! "$ROOT/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}" \
   || ! npm_ok axe-core "$AXE_VERSION" || ! npm_ok terser "$TERSER_VERSION"; then
  say "Installing wasm-opt (npm binaryen@$BINARYEN_VERSION), terser@$TERSER_VERSION (minifies the JS glue) and axe-core@$AXE_VERSION (accessibility checks in the tests)"
  # One command for all: an npm install without a package.json prunes what it was not asked for.
  (cd "$ROOT" && npm install --no-save --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION" "terser@$TERSER_VERSION" "axe-core@$AXE_VERSION")
else
  say "wasm-opt ${BINARYEN_VERSION%%.*}, terser $TERSER_VERSION and axe-core $AXE_VERSION present"
fi

# --- Python venv with argilla-server and osmem ----------------------------------
venv_ok() {
  "$VENV/bin/python" - <<EOF 2>/dev/null
import importlib.metadata as m, sys
ok = m.version("argilla-server") == "$ARGILLA_SERVER_VERSION" and m.version("osmem-server") == "$OSMEM_VERSION"
sys.exit(0 if ok else 1)
EOF
}
if ! venv_ok; then
  say "Creating the Python venv for argilla-server $ARGILLA_SERVER_VERSION in $VENV (about 90 s)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    "argilla-server==$ARGILLA_SERVER_VERSION" "click<8.2" "osmem-server==$OSMEM_VERSION"
else
  say "Python venv with argilla-server $ARGILLA_SERVER_VERSION present"
fi

# --- The Python SDK, in its own venv: tests check that it reads our backups --------
SDK_VENV="$WORK/sdk-venv"
if "$SDK_VENV/bin/python" -c 'import importlib.metadata as m, sys, requests; sys.exit(m.version("argilla") != "'"$ARGILLA_SERVER_VERSION"'")' 2>/dev/null; then
  say "Python SDK argilla $ARGILLA_SERVER_VERSION present"
else
  say "Installing the Python SDK argilla $ARGILLA_SERVER_VERSION in $SDK_VENV (about 45 s)"
  python3 -m venv "$SDK_VENV"
  # argilla 2.8.0 imports requests without declaring it.
  "$SDK_VENV/bin/pip" install --quiet --disable-pip-version-check "argilla==$ARGILLA_SERVER_VERSION" requests
fi

# --- Crates, so the offline trunk build finds them ---------------------------------
say "Fetching crates"
(cd "$ROOT" && cargo fetch --quiet)
