#!/usr/bin/env bash
# Case list speed at a million cases on SQLite: builds release, fills a temp data dir with 1,000,000 cases (one
# category each) straight through SQL, then times GET /api/v1/cases with each filter (median of 5 requests).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
(cd "$root" && swift build -c release --product defuse >/dev/null)
defuse="$(cd "$root" && swift build -c release --show-bin-path)/defuse"
data=$(mktemp -d /tmp/defuse-caselist.XXXXXX)
port=${CASELIST_PORT:-18585}
cleanup() { [[ -n "${server:-}" ]] && kill "$server" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

"$defuse" migrate --data-dir "$data" >/dev/null 2>&1
echo "filling $data with 1,000,000 cases..."
start=$(date +%s)
sqlite3 "$data/defuse.sqlite" < "$here/million-cases.sql" >/dev/null
echo "filled in $(( $(date +%s) - start )) s ($(du -h "$data/defuse.sqlite" | cut -f1))"
"$defuse" agents add --email bench@example.com --name Bench --role agent --data-dir "$data" >/dev/null
token=$("$defuse" tokens create --email bench@example.com --data-dir "$data")
LOG_LEVEL=warning "$defuse" serve --port "$port" --data-dir "$data" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

printf '%-48s %8s %s\n' "GET /api/v1/cases?..." "median" "(5 requests, 50 cases per page unless limited)"
for query in "limit=50" "category=pricing" "stage=new&language=el" "min_anger=3" "assignee=none" \
             "language=tl&category=waiting" "stage=reopened&min_anger=2" "stage=new&category=staff" \
             "created_from=2025-01-01&created_to=2025-02-01"; do
    url="http://127.0.0.1:$port/api/v1/cases?$query"
    curl -sf -o /dev/null -H "Authorization: Bearer $token" "$url"
    median=$(for _ in 1 2 3 4 5; do
        curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url"
    done | sort -n | sed -n 3p)
    printf '%-48s %6.1f ms\n' "$query" "$(echo "$median * 1000" | bc -l)"
done
cursor=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/cases?category=pricing&limit=200" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["next_cursor"])')
median=$(for _ in 1 2 3 4 5; do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$port/api/v1/cases?category=pricing&cursor=$cursor"
done | sort -n | sed -n 3p)
printf '%-48s %6.1f ms\n' "category=pricing, second page by cursor" "$(echo "$median * 1000" | bc -l)"
