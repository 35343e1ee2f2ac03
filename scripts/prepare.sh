# Sourced by demo.sh, test.sh and bench.sh: install what is missing, build the
# app into dist/, and put the tools on PATH. Expects ROOT to be set.
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
cd "$ROOT"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
