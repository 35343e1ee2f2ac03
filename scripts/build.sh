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
# Trunk minifies the page and the stylesheets (Trunk.toml); its JS minifier gives up on wasm-bindgen's
# glue ("Failed to minify JS" warnings), so terser does it, to about half. Less for argilla-server
# to compress on the fly while the page waits.
for js in "$ROOT"/dist/*.js; do
  terser --module --compress --mangle --output "$js.min" -- "$js"
  mv "$js.min" "$js"
done

# index.html loads one of the three bundles by the page's path: give it their
# names. Trunk hashes the main bundle's names only; the others get a content
# hash here, so a new version is never mixed with a cached old one.
link_bundle() { # placeholder-prefix bin-name
  local js wasm hash
  js="$(cd "$ROOT/dist" && ls | grep -E "^$2(-[0-9a-f]+)?\.js$" || true)"
  wasm="$(cd "$ROOT/dist" && ls | grep -E "^$2(-[0-9a-f]+)?_bg\.wasm$" || true)"
  if [ -z "$js" ] || [ -z "$wasm" ]; then echo "build.sh: no $2 bundle in dist/" >&2; exit 1; fi
  if [ "$js" = "$2.js" ]; then
    hash="$(cat "$ROOT/dist/$js" "$ROOT/dist/$wasm" | sha256sum | cut -c1-16)"
    mv "$ROOT/dist/$js" "$ROOT/dist/$2-$hash.js"
    mv "$ROOT/dist/$wasm" "$ROOT/dist/$2-${hash}_bg.wasm"
    js="$2-$hash.js" wasm="$2-${hash}_bg.wasm"
  fi
  sed -i "s|@@$1_JS@@|$js|; s|@@$1_WASM@@|$wasm|" "$ROOT/dist/index.html"
}
# The stylesheets: Trunk linked both in the page; index.html's script links what the page needs.
link_stylesheet() { # placeholder-prefix file-stem
  local css
  css="$(cd "$ROOT/dist" && ls | grep -E "^$2-[0-9a-f]+\.css$" || true)"
  if [ -z "$css" ]; then echo "build.sh: no $2 stylesheet in dist/" >&2; exit 1; fi
  sed -i -E "s#<link[^>]*$2-[0-9a-f]+\.css[^>]*>##; s#@@$1_CSS@@#$css#g" "$ROOT/dist/index.html"
}
# Trunk leaves the main bundle's <link rel=rust> in the page: nothing reads it.
sed -i -E 's#<link[^>]*rel="?rust"?[^>]*>##g' "$ROOT/dist/index.html"
link_stylesheet BASE base
link_stylesheet PAGES pages
link_bundle MAIN argilla-lite
link_bundle OWNER owner-pages
link_bundle SIGN_IN sign-in-pages
# The strings of each language but English (which the wasm carries): one file
# per group, area files in byte order, as build.rs numbers them (and checks them).
shopt -s nullglob
mkdir -p "$ROOT/dist/i18n"
for lang_dir in "$ROOT"/i18n/*/; do
  lang="$(basename "$lang_dir")"
  [ "$lang" = en ] && continue
  for group in app owner; do
    files=("$lang_dir$group"/*.txt)
    for f in $(printf '%s\n' "${files[@]}" | LC_ALL=C sort); do
      grep -v -e '^#' -e '^[[:space:]]*$' "$f" || true
    done > "$ROOT/dist/i18n/$lang-$group.txt"
  done
done
version="$(cat "$ROOT"/i18n/*/*/*.txt | sha256sum | cut -c1-16)"
sed -i "s|@@I18N_VERSION@@|$version|" "$ROOT/dist/index.html"
# Where the API is, for the requests index.html sends while the code loads (the wasm has it too).
sed -i "s|@@API_URL@@|${ARGILLA_API_URL:-}|" "$ROOT/dist/index.html"
if grep -q -e "@@[A-Z0-9_]*_\(JS\|WASM\|CSS\|VERSION\|URL\)@@" -e "<link[^>]*-[0-9a-f]*\.css" "$ROOT/dist/index.html"; then echo "build.sh: a bundle is not linked in dist/index.html" >&2; exit 1; fi
