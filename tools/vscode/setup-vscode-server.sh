#!/usr/bin/env bash
# Installs what the integration tests and screenshots need, offline-friendly (npm registry and
# Debian apt only): headless Chromium, ripgrep and a real VS Code server (the one bundled in the
# `code-server` npm package; 4.100.3 = VS Code 1.100.3, the last one that runs on Node 20).
#
#   bash tools/vscode/setup-vscode-server.sh [DEST]     (default DEST: .vscode-test/server-node20)
#
# Idempotent and cached: DEST/ready.json records a key (code-server version + hash of this script);
# when it matches, nothing is done. Cache DEST (and ~/.npm) between CI runs.
set -euo pipefail
CODE_SERVER_VERSION=4.100.3
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEST=$(realpath -m "${1:-$ROOT/.vscode-test/server-node20}")
KEY="code-server@$CODE_SERVER_VERSION/$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)"
t0=$SECONDS
say() { echo "[setup-vscode-server] $*" >&2; }

# 1. System packages. Checked on every run: a cached DEST may land on a machine without them.
missing=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)   # VS Code 1.100's quick open/search run rg
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  say "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# 2. The VS Code server, reused when the key matches. The lock serialises parallel `npm test`s.
mkdir -p "$(dirname "$DEST")"
exec 9>"$DEST.lock"
flock 9
if [ -f "$DEST/ready.json" ] && grep -qF "\"$KEY\"" "$DEST/ready.json"; then
  say "cached: $DEST"; exit 0
fi
say "installing code-server@$CODE_SERVER_VERSION into $DEST"
rm -rf "$DEST" "$DEST.partial"
mkdir -p "$DEST.partial"
cd "$DEST.partial"
echo '{"name":"vscode-server-for-tests","private":true}' > package.json

# --ignore-scripts: code-server's own postinstall rejects the Node version/root user, and
# @vscode/ripgrep's postinstall downloads rg from GitHub. We do the needed parts by hand below.
npm_i() { npm install --no-audit --no-fund --ignore-scripts --loglevel=error "$@" >&2; }
npm_i "code-server@$CODE_SERVER_VERSION"
VSCODE="$DEST.partial/node_modules/code-server/lib/vscode"
(cd "$VSCODE" && npm_i --omit=dev)

# Native modules, against the system Node's headers (Debian ships them in /usr/include/node).
# npm's bundled node-gyp is used directly: node-pty's postinstall would call `npx node-gyp`.
# node-pty = integrated terminals; spdlog and native-watchdog only keep the logs free of errors.
GYP="$(npm prefix -g 2>/dev/null)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f /usr/include/node/node_version.h ] || { say "Node headers missing in /usr/include/node"; exit 1; }
for m in node-pty @vscode/spdlog native-watchdog; do
  (cd "$VSCODE/node_modules/$m" && node "$GYP" rebuild -j max --nodedir=/usr >build.log 2>&1) ||
    { cat "$VSCODE/node_modules/$m/build.log" >&2; say "native build failed: $m"; exit 1; }
done
mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"

# Publish atomically: a half-finished install never looks ready.
cd "$ROOT"
mv "$DEST.partial" "$DEST"
printf '{"key":"%s","vscodeDir":"%s","node":"%s"}\n' \
  "$KEY" "$DEST/node_modules/code-server/lib/vscode" "$(command -v node)" > "$DEST/ready.json"
say "ready in $((SECONDS - t0))s ($(du -sh "$DEST" | cut -f1))"
