#!/usr/bin/env bash
# Browser tests of the web desk: Debian's chromium and chromedriver drive a demo desk through Python selenium.
# Usage: Tests/Browser/run.sh [SCREENSHOT_DIR]   (screenshots go to a temp folder unless a folder is given;
# `Tests/Browser/run.sh docs/screenshots` refreshes the ones in the README). Expects `swift build` to have run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
log() { echo "== $*"; }
die() { echo "error: $*" >&2; exit 1; }
source "$root/Benchmarks/lib.sh"

command -v chromium >/dev/null && command -v chromedriver >/dev/null || apt_install chromium chromium-driver
venv=${BROWSER_VENV:-/tmp/defuse-browser-venv}
ensure_venv "$venv" "$here/requirements.txt"

defuse="$(cd "$root" && swift build --show-bin-path)/defuse"
[[ -x "$defuse" ]] || die "build first: swift build"
data=$(mktemp -d /tmp/defuse-browser.XXXXXX)
shots=${1:-$data/screenshots}
mkdir -p "$shots"
port=${BROWSER_PORT:-18611}
cleanup() { [[ -n "${server:-}" ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

password="browser test password"
"$defuse" migrate --data-dir "$data" >/dev/null 2>&1
printf '%s\n' "$password" | "$defuse" agents add --email agent.e2e@example.com --name "Alex Agent" --role agent \
    --languages en,el,tl --data-dir "$data" --password-stdin >/dev/null
printf '%s\n' "$password" | "$defuse" agents add --email manager.e2e@example.com --name "Mira Manager" --role manager \
    --languages en,el --data-dir "$data" --password-stdin >/dev/null
token=$("$defuse" tokens create --email manager.e2e@example.com --data-dir "$data" 2>/dev/null | grep -o 'dfs_[A-Za-z0-9_-]*')
LOG_LEVEL=warning "$defuse" serve --demo --port "$port" --data-dir "$data" --scheduler-interval 0 \
    --public-url "http://127.0.0.1:$port" > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$data/server.log"; die "the desk did not start"; }

log "browser tests against http://127.0.0.1:$port (screenshots: $shots)"
BASE="http://127.0.0.1:$port" AGENT_EMAIL=agent.e2e@example.com MANAGER_EMAIL=manager.e2e@example.com \
    PASSWORD="$password" TOKEN="$token" SCREENSHOTS="$shots" "$venv/bin/python" "$here/desk_browser_test.py"
