#!/usr/bin/env bash
# Page speed of the web desk at 100,000 cases on SQLite: builds release, loads the demo desk (200 rich cases in six
# languages) and 100,000 more cases straight through SQL, signs in as an agent, then measures each page with wrk
# (one thread, 4 connections, 10 s) and prints the 50th and 99th percentile. Target: p99 under 50 ms.
# Then the peer, django-helpdesk (gunicorn, 2 workers, SQLite) with as many tickets (peer/run.sh), in the same run,
# and the ratios: its ticket list (the page plus the JSON request that fills its rows) against our inbox, its ticket
# page against our case page. Run on a quiet machine: both sides share its cores with wrk.
# PAGES_CASES (default 100000), PAGES_DURATION (10s), PAGES_PEER=0 to measure our side only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
log() { echo "== $*"; }
die() { echo "error: $*" >&2; exit 1; }
source "$root/Benchmarks/lib.sh"
command -v wrk >/dev/null || apt_install wrk
command -v sqlite3 >/dev/null || apt_install sqlite3
cases=${PAGES_CASES:-100000}
duration=${PAGES_DURATION:-10s}

log "building release"
(cd "$root" && swift build -c release --product defuse >/dev/null)
defuse="$(cd "$root" && swift build -c release --show-bin-path)/defuse"
data=$(mktemp -d /tmp/defuse-pages.XXXXXX)
port=${PAGES_PORT:-18686}
cleanup() { [[ -n "${server:-}" ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT
start_server() {
    LOG_LEVEL=warning "$defuse" serve "$@" --port "$port" --data-dir "$data" --scheduler-interval 0 >"$data/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.2; done
    cat "$data/server.log"; die "the desk did not start"
}

"$defuse" migrate --data-dir "$data" >/dev/null 2>&1
printf '%s\n' "bench password 123" | "$defuse" agents add --email bench@example.com --name Bench --role agent \
    --data-dir "$data" --password-stdin >/dev/null
start_server --demo
kill "$server"; wait "$server" 2>/dev/null || true
log "adding $cases cases through SQL"
# The bulk cases' references have six digits (C-000001); the demo's categories are already there.
sed -e "s/WHERE i < 1000000/WHERE i < $cases/" -e "s/^FROM cases;/FROM cases WHERE length(reference) = 8;/" \
    "$root/Benchmarks/caselist/million-cases.sql" | sqlite3 "$data/defuse.sqlite" >/dev/null
sqlite3 "$data/defuse.sqlite" "UPDATE cases SET assignee_id = (SELECT id FROM agents WHERE email = 'bench@example.com') WHERE rowid % 7 = 0"
echo "cases: $(sqlite3 "$data/defuse.sqlite" 'SELECT count(*) FROM cases')"
start_server

base="http://127.0.0.1:$port"
jar="$data/cookies"
form=$(curl -sf -c "$jar" "$base/login")
csrf=$(printf '%s' "$form" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -sf -o /dev/null -b "$jar" -c "$jar" --data-urlencode "email=bench@example.com" \
    --data-urlencode "password=bench password 123" --data-urlencode "csrf=$csrf" "$base/login"
session=$(awk '$6 == "defuse_session" { print $7 }' "$jar")
[[ -n "$session" ]] || die "could not sign in"
rich=$(sqlite3 "$data/defuse.sqlite" "SELECT reference FROM cases WHERE length(reference) = 7 AND id IN (SELECT case_id FROM messages GROUP BY case_id HAVING count(*) >= 4) LIMIT 1")

printf '%-52s %9s %9s %9s\n' "page ($cases + 200 cases)" "req/s" "p50" "p99" | tee "$data/ours.txt"
for path in "/inbox?queue=all" "/inbox?queue=mine" "/inbox?queue=new" "/inbox?queue=overdue" "/inbox?queue=hostile" \
            "/inbox?queue=escalated" "/inbox?queue=all&language=el&category=pricing" "/cases/$rich"; do
    curl -sf -o /dev/null -H "Cookie: defuse_session=$session" "$base$path" || die "GET $path failed"
    out=$(wrk -t1 -c4 -d"$duration" --latency -H "Cookie: defuse_session=$session" "$base$path")
    rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ { print $2 }')
    p50=$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')
    p99=$(printf '%s\n' "$out" | awk '$1 == "99%" { print $2 }')
    printf '%-52s %9s %9s %9s\n' "$path" "$rps" "$p50" "$p99" | tee -a "$data/ours.txt"
done
kill "$server"; wait "$server" 2>/dev/null || true
server=
# PAGES_PEER=0 skips the peer (e.g. for a run at a million cases, which django-helpdesk would take long to load).
[[ "${PAGES_PEER:-1}" == 0 ]] && exit 0

echo
PEER_TICKETS=$cases PAGES_DURATION=$duration "$here/peer/run.sh" $((port + 1)) 2>&1 | grep -v '^== ' | tee "$data/peer.txt"

# Latency in ms from wrk's units (us, ms, s); a row's p50 by the start of its label.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }
p50_of() { awk -v key="$2" 'index($1, key) == 1 { print $(NF - 1); exit }' "$1"; }
ours_list=$(ms "$(p50_of "$data/ours.txt" "/inbox?queue=all")")
ours_case=$(ms "$(p50_of "$data/ours.txt" "/cases/")")
peer_list=$(awk -v a="$(ms "$(p50_of "$data/peer.txt" "/tickets/")")" \
    -v b="$(ms "$(p50_of "$data/peer.txt" "/datatables_ticket_list/")")" 'BEGIN { printf "%.2f", a + b }')
peer_case=$(ms "$(awk '$1 ~ /^\/tickets\/[0-9]+\/$/ { print $(NF - 1); exit }' "$data/peer.txt")")
echo
printf '%-40s %12s %16s %8s\n' "p50, same load" "Defuse" "django-helpdesk" "ratio"
printf '%-40s %9s ms %13s ms %7.1fx\n' "case list (inbox / list + rows JSON)" "$ours_list" "$peer_list" \
    "$(awk -v a="$peer_list" -v b="$ours_list" 'BEGIN { print a / b }')"
printf '%-40s %9s ms %13s ms %7.1fx\n' "one case (case page / ticket page)" "$ours_case" "$peer_case" \
    "$(awk -v a="$peer_case" -v b="$ours_case" 'BEGIN { print a / b }')"
