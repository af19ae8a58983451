#!/usr/bin/env bash
# The peer of Benchmarks/pages/run.sh: django-helpdesk (PyPI) on SQLite with PEER_TICKETS tickets (default 100,000),
# served by gunicorn (2 sync workers), measured with the same wrk settings (one thread, 4 connections,
# PAGES_DURATION, default 10s) on the staff ticket list, the JSON endpoint its DataTable loads the rows from, and one
# ticket with follow-ups.
# Usage: Benchmarks/pages/peer/run.sh [PORT] [DATADIR]
#   PORT defaults to 18687. DATADIR is kept, and reused on the next run when it holds a desk of the same size;
#   without it a temporary folder is used and removed. The venv is PEER_VENV (default /tmp/defuse-peer-venv).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
log() { echo "== $*"; }
die() { echo "error: $*" >&2; exit 1; }
source "$root/Benchmarks/lib.sh"
command -v wrk >/dev/null || apt_install wrk
command -v curl >/dev/null || apt_install curl

port=${1:-18687}
data=${2:-}
tickets=${PEER_TICKETS:-100000}
duration=${PAGES_DURATION:-10s}
workers=${PEER_WORKERS:-2}
venv=${PEER_VENV:-/tmp/defuse-peer-venv}
user=bench
password="bench password 123"

temp=""
if [[ -z "$data" ]]; then
    temp=$(mktemp -d /tmp/defuse-peer.XXXXXX)
    data=$temp
fi
mkdir -p "$data"
data=$(cd "$data" && pwd)
server=""
cleanup() {
    if [[ -n "$server" ]]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    [[ -n "$temp" ]] && rm -rf "$temp"
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_venv "$venv" "$here/requirements.txt"
export PEER_DATA_DIR="$data" PEER_TICKETS="$tickets" PEER_USER="$user" PEER_PASSWORD="$password"

if [[ -f "$data/helpdesk.sqlite3" && "$(cat "$data/ready" 2>/dev/null)" == "$tickets" ]]; then
    log "reusing the desk of $tickets tickets in $data"
else
    rm -f "$data/helpdesk.sqlite3" "$data/helpdesk.sqlite3-wal" "$data/helpdesk.sqlite3-shm" "$data/rich_ticket_id" \
        "$data/ready"
    log "setting up django-helpdesk with $tickets tickets in $data"
    start=$(date +%s.%N)
    "$venv/bin/python" "$here/setup_helpdesk.py" "$data"
    echo "$tickets" > "$data/ready"
    log "setup took $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
fi
rich=$(cat "$data/rich_ticket_id")

log "starting gunicorn ($workers sync workers) on 127.0.0.1:$port"
"$venv/bin/gunicorn" --chdir "$here/project" --workers "$workers" --bind "127.0.0.1:$port" \
    --log-level warning --error-logfile "$data/gunicorn.log" peerdesk.wsgi:application &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 150); do
    kill -0 "$server" 2>/dev/null || { cat "$data/gunicorn.log"; server=""; die "gunicorn exited (port $port taken?)"; }
    curl -sf -o /dev/null "$base/login/" && break
    sleep 0.2
done
curl -sf -o /dev/null "$base/login/" || { cat "$data/gunicorn.log"; die "gunicorn did not start"; }

jar="$data/cookies"
rm -f "$jar"
form=$(curl -sf -c "$jar" "$base/login/")
csrf=$(printf '%s' "$form" | grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
[[ -n "$csrf" ]] || die "no CSRF token in the login form"
curl -sf -o /dev/null -b "$jar" -c "$jar" -H "Referer: $base/login/" --data-urlencode "username=$user" \
    --data-urlencode "password=$password" --data-urlencode "csrfmiddlewaretoken=$csrf" --data-urlencode "next=/tickets/" \
    "$base/login/"
session=$(awk '$6 == "sessionid" { print $7 }' "$jar")
[[ -n "$session" ]] || die "could not sign in"
cookie="Cookie: sessionid=$session"

# The list page is a shell: its DataTable asks this endpoint for the rows (25, the agent's tickets_per_page), with the
# query the page encodes (open and reopened tickets, oldest first) and the parameters DataTables sends on first load.
list=$(curl -sf -H "$cookie" "$base/tickets/")
query=$(printf '%s' "$list" | grep -o '/datatables_ticket_list/[^"]*' | head -1)
[[ -n "$query" ]] || die "the ticket list does not name its datatables endpoint"
params="draw=1"
i=0
for col in id ticket priority queue status created due_date assigned_to submitter last_followup time_spent kbitem; do
    params+="&columns%5B$i%5D%5Bdata%5D=$col&columns%5B$i%5D%5Bname%5D=&columns%5B$i%5D%5Bsearchable%5D=true"
    params+="&columns%5B$i%5D%5Borderable%5D=$([[ $i == 0 ]] && echo false || echo true)"
    params+="&columns%5B$i%5D%5Bsearch%5D%5Bvalue%5D=&columns%5B$i%5D%5Bsearch%5D%5Bregex%5D=false"
    i=$((i + 1))
done
params+="&start=0&length=25&search%5Bvalue%5D=&search%5Bregex%5D=false"
rows="$query?$params"
newest="$query?$params&order%5B0%5D%5Bcolumn%5D=5&order%5B0%5D%5Bdir%5D=desc&order%5B0%5D%5Bname%5D="

printf '%-52s %9s %9s %9s\n' "page (django-helpdesk, $tickets tickets)" "req/s" "p50" "p99"
measure() {
    local label=$1 path=$2 code out rps p50 p99
    code=$(curl -s -o "$data/page.out" -w '%{http_code}' -H "$cookie" "$base$path")
    [[ "$code" == 200 ]] || { tail -20 "$data/gunicorn.log"; die "GET $path answered $code"; }
    # wrk's own timeout (2 s) would drop the slowest requests from the percentiles and abandon them mid-flight on
    # the server, so it is raised; the load is the same (4 connections, each sending its next request on an answer).
    out=$(wrk -t1 -c4 -d"$duration" --timeout 30s --latency -H "$cookie" "$base$path")
    if printf '%s\n' "$out" | grep -q 'Non-2xx'; then
        printf '%s\n' "$out" >&2
        die "wrk got errors on $path"
    fi
    if printf '%s\n' "$out" | grep -q 'Socket errors'; then
        printf '%s\n' "$out" | grep 'Socket errors' >&2
    fi
    rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ { print $2 }')
    p50=$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')
    p99=$(printf '%s\n' "$out" | awk '$1 == "99%" { print $2 }')
    printf '%-52s %9s %9s %9s\n' "$label" "$rps" "$p50" "$p99"
}
measure "/tickets/ (list page, no rows)" "/tickets/"
measure "/datatables_ticket_list/ (first 25 open rows)" "$rows"
measure "/datatables_ticket_list/ (25 newest open rows)" "$newest"
measure "/tickets/$rich/ (5 follow-ups)" "/tickets/$rich/"
