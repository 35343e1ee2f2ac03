#!/usr/bin/env bash
# Replaces the frontend of an argilla-server installation with this app's dist/,
# keeping the original next to it (static.orig) so it can be restored.
#   scripts/install-into-argilla.sh [--python /path/to/python] [--restore]
# The python is the one whose site-packages hold argilla_server
# (default: python3 on PATH).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON=python3
RESTORE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --python) PYTHON="$2"; shift 2 ;;
    --restore) RESTORE=1; shift ;;
    *) echo "unknown option $1 (use --python PATH, --restore)" >&2; exit 2 ;;
  esac
done
STATIC="$("$PYTHON" -c 'import argilla_server, pathlib; print(pathlib.Path(argilla_server.__file__).parent / "static")')" || {
  echo "argilla_server is not installed for $PYTHON" >&2; exit 1; }
if [ "$RESTORE" = 1 ]; then
  [ -d "$STATIC.orig" ] || { echo "nothing to restore: $STATIC.orig does not exist" >&2; exit 1; }
  rm -rf "$STATIC"
  mv "$STATIC.orig" "$STATIC"
  echo "Restored argilla's own frontend in $STATIC"
  exit 0
fi
[ -f "$ROOT/dist/index.html" ] || { echo "dist/ is missing: run scripts/build.sh first" >&2; exit 1; }
if [ ! -d "$STATIC.orig" ]; then
  mv "$STATIC" "$STATIC.orig"
else
  rm -rf "$STATIC"
fi
cp -r "$ROOT/dist" "$STATIC"
echo "Installed this app into $STATIC (argilla's own frontend kept in $STATIC.orig)."
echo "Restart argilla-server to serve it; it rewrites @@baseUrl@@ to ARGILLA_BASE_URL at start-up."
