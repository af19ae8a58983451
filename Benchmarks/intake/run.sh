#!/usr/bin/env bash
# Intake benchmark: how fast Defuse takes in public complaints, on SQLite and on
# PostgreSQL, next to django-helpdesk (gunicorn + SQLite) doing the same job.
# See README.md beside this file. Everything runs on 127.0.0.1 only.
#
# Knobs (environment):
#   INTAKE_SIDES     which sides to run, default "sqlite postgres helpdesk"
#   INTAKE_DURATION  seconds per measured wrk run, default 20 (capped at 20)
#   INTAKE_CONNS     wrk connections, default 32;  INTAKE_THREADS  wrk threads, default 2
#   INTAKE_RATE      fixed rate of the latency run in requests/s, default 200
#   DEFUSE_BIN       use this defuse binary instead of building the release one
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV="$HERE/.venv"
OUT="$HERE/out"
PGBIN=/usr/lib/postgresql/15/bin

SIDES=${INTAKE_SIDES:-"sqlite postgres helpdesk"}
DURATION=${INTAKE_DURATION:-20}
(( DURATION > 20 )) && DURATION=20
CONNS=${INTAKE_CONNS:-32}
THREADS=${INTAKE_THREADS:-2}
RATE=${INTAKE_RATE:-200}
WARMUP=3
CORES=$(nproc)
GUNICORN_WORKERS=$(( 2 * CORES + 1 ))   # gunicorn's documented (2 x cores) + 1

log() { printf '[intake %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------
# temp space and cleanup
# ---------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/defuse-intake.XXXXXX)
PGDIR=""
: > "$WORK/pids"

stop_pid() { # pid: TERM, wait up to 10 s, then KILL
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

stop_postgres() {
    if [[ -n "$PGDIR" && -f "$PGDIR/data/postmaster.pid" ]]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
}

cleanup() {
    [[ -f "$WORK/pids" ]] && stop_registered
    stop_postgres
    rm -rf "$WORK"
    [[ -n "$PGDIR" ]] && rm -rf "$PGDIR"
    return 0
}
SIDE_PID=""
on_signal() {
    log "interrupted; cleaning up"
    [[ -n "$SIDE_PID" ]] && kill -TERM "$SIDE_PID" 2>/dev/null
    exit 130
}
trap cleanup EXIT
trap on_signal INT TERM

register_pid() { echo "$1" >> "$WORK/pids"; }
unregister_pid() { sed -i "/^$1\$/d" "$WORK/pids"; }   # once it has been waited for

stop_registered() {
    local pid
    while read -r pid; do [[ -n "$pid" ]] && stop_pid "$pid"; done < "$WORK/pids"
    : > "$WORK/pids"
}

children_of() { # pid -> direct child pids (no procps needed)
    awk -v p="$1" '/^PPid:/ { if ($2 == p) { split(FILENAME, a, "/"); print a[3] } }' /proc/[0-9]*/status 2>/dev/null || true
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_http() { # url seconds pid: wait for HTTP 200 while pid is alive
    local url=$1 secs=$2 pid=$3 i code
    for i in $(seq 1 $(( secs * 5 ))); do
        kill -0 "$pid" 2>/dev/null || return 1
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
        [[ "$code" == 200 ]] && return 0
        sleep 0.2
    done
    return 1
}

peak_rss_kb() { # pids...: sum of VmHWM (peak resident set) in kB
    local total=0 pid v
    for pid in "$@"; do
        v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        total=$(( total + ${v:-0} ))
    done
    echo "$total"
}

# ---------------------------------------------------------------------------
# 1. tools
# ---------------------------------------------------------------------------
source "$HERE/../lib.sh"

want_side() { [[ " $SIDES " == *" $1 "* ]]; }

install_tools() {
    command -v wrk >/dev/null || apt_install wrk
    command -v curl >/dev/null || apt_install curl
    command -v python3 >/dev/null || apt_install python3 python3-venv
    if want_side postgres; then
        [[ -x "$PGBIN/initdb" ]] || apt_install postgresql
        [[ -x "$PGBIN/initdb" ]] || die "PostgreSQL 15 binaries not found in $PGBIN after installing"
        id postgres >/dev/null 2>&1 || die "no 'postgres' user after installing postgresql"
    fi
    if want_side helpdesk; then ensure_venv "$VENV" "$HERE/requirements.txt"; fi
}

# ---------------------------------------------------------------------------
# 2. build
# ---------------------------------------------------------------------------
DEFUSE=""
build_defuse() {
    if [[ -n "${DEFUSE_BIN:-}" ]]; then
        DEFUSE=$DEFUSE_BIN
        [[ -x "$DEFUSE" ]] || die "DEFUSE_BIN=$DEFUSE is not executable"
        log "using DEFUSE_BIN=$DEFUSE (not building)"
        return
    fi
    command -v swift >/dev/null || die "swift is not on PATH"
    log "swift build -c release --product defuse (in $ROOT)"
    (cd "$ROOT" && swift build -c release --product defuse)
    DEFUSE="$(cd "$ROOT" && swift build -c release --show-bin-path)/defuse"
    [[ -x "$DEFUSE" ]] || die "no binary at $DEFUSE"
}

# ---------------------------------------------------------------------------
# wrk runs
# ---------------------------------------------------------------------------
# run_wrk NAME URL RATE SECONDS CONNS [ENV=VALUE...]: raw output in $OUT/NAME.txt,
# prints the INTAKE_RESULT line.
run_wrk() {
    local name=$1 url=$2 rate=$3 secs=$4 conns=$5
    shift 5
    local pace="as fast as possible"
    (( rate > 0 )) && pace="paced at $rate req/s"
    log "wrk $name: -t$THREADS -c$conns -d${secs}s, $pace, $url"
    env INTAKE_DIR="$HERE" INTAKE_RATE="$rate" INTAKE_THREADS="$THREADS" INTAKE_RUN="$name-$$" "$@" \
        wrk -t"$THREADS" -c"$conns" -d"${secs}s" --timeout 5s --latency \
        -s "$HERE/intake.lua" "$url" > "$OUT/$name.txt" 2>&1 &
    local wrk_pid=$!
    register_pid "$wrk_pid"
    wait "$wrk_pid" || true
    unregister_pid "$wrk_pid"
    grep '^INTAKE_RESULT' "$OUT/$name.txt" || { log "wrk $name printed no result:"; cat "$OUT/$name.txt" >&2; return 1; }
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

# measure SIDE URL [ENV=VALUE...]: warm-up, throughput and fixed-rate runs;
# writes $OUT/result-SIDE.env
measure() {
    local side=$1 url=$2
    shift 2
    local tp lat
    run_wrk "$side-warmup" "$url" 0 "$WARMUP" 8 "$@" >/dev/null
    tp=$(run_wrk "$side-throughput" "$url" 0 "$DURATION" "$CONNS" "$@")
    lat=$(run_wrk "$side-latency" "$url" "$RATE" "$DURATION" "$CONNS" "$@")
    {
        echo "TP_OK_PER_S=$(field "$tp" ok201_per_s)"
        echo "TP_REQ_PER_S=$(field "$tp" req_per_s)"
        echo "TP_OK=$(field "$tp" ok201)"
        echo "TP_ERRORS=$(( $(field "$tp" non201) + $(field "$tp" socket_errors) ))"
        echo "TP_CODES=$(field "$tp" codes)"
        echo "TP_TIMEOUTS=$(field "$tp" timeouts)"
        echo "TP_P50=$(field "$tp" p50_ms)"
        echo "TP_P99=$(field "$tp" p99_ms)"
        echo "LAT_REQ_PER_S=$(field "$lat" req_per_s)"
        echo "LAT_OK=$(field "$lat" ok201)"
        echo "LAT_P50=$(field "$lat" p50_ms)"
        echo "LAT_P99=$(field "$lat" p99_ms)"
        echo "LAT_ERRORS=$(( $(field "$lat" non201) + $(field "$lat" socket_errors) ))"
        echo "LAT_CODES=$(field "$lat" codes)"
        echo "LAT_TIMEOUTS=$(field "$lat" timeouts)"
    } > "$OUT/result-$side.env"
    log "$side: $(field "$tp" ok201_per_s) complaints/s; at $RATE req/s p50 $(field "$lat" p50_ms) ms p99 $(field "$lat" p99_ms) ms"
}

# ---------------------------------------------------------------------------
# 3. Defuse on SQLite
# ---------------------------------------------------------------------------
side_sqlite() {
    local port pid data rows
    port=$(free_port)
    data="$WORK/defuse-sqlite"
    mkdir -p "$data"
    log "defuse (SQLite) on 127.0.0.1:$port, data in $data"
    LOG_LEVEL=warning "$DEFUSE" serve --port "$port" --data-dir "$data" --intake-rate-limit 0 \
        > "$OUT/defuse-sqlite.log" 2>&1 &
    pid=$!
    register_pid "$pid"
    wait_http "http://127.0.0.1:$port/healthz" 60 "$pid" \
        || { tail -20 "$OUT/defuse-sqlite.log" >&2; die "defuse (SQLite) did not become healthy"; }
    measure sqlite "http://127.0.0.1:$port/api/v1/complaints" INTAKE_TARGET=defuse
    echo "PEAK_RSS_KB=$(peak_rss_kb "$pid")" >> "$OUT/result-sqlite.env"
    sleep 1   # let requests still in flight when wrk stopped finish
    stop_pid "$pid"
    unregister_pid "$pid"
    rows=$(python3 - "$data/defuse.sqlite" <<'PY' 2>/dev/null || echo "?"
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select count(*) from cases").fetchone()[0])
PY
)
    echo "ROWS=$rows" >> "$OUT/result-sqlite.env"
    echo "NOTE=\"defuse serve --data-dir (SQLite file), --intake-rate-limit 0, LOG_LEVEL=warning\"" >> "$OUT/result-sqlite.env"
}

# ---------------------------------------------------------------------------
# 4. Defuse on PostgreSQL
# ---------------------------------------------------------------------------
side_postgres() {
    local pgport port pid rows
    pgport=$(free_port)
    port=$(free_port)
    mkdir -p "$PGDIR/data"
    chown -R postgres:postgres "$PGDIR"
    log "initdb + PostgreSQL 15 on 127.0.0.1:$pgport in $PGDIR/data"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
        > "$OUT/postgres-initdb.log" 2>&1 || { cat "$OUT/postgres-initdb.log" >&2; die "initdb failed"; }
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/postgres.log" \
        -o "-p $pgport -k $PGDIR/data -c listen_addresses=127.0.0.1" -w start >/dev/null \
        || { cat "$PGDIR/postgres.log" >&2; die "postgres did not start"; }
    runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$pgport" -U postgres defuse
    log "defuse (PostgreSQL) on 127.0.0.1:$port"
    DATABASE_URL="postgres://postgres@127.0.0.1:$pgport/defuse" LOG_LEVEL=warning \
        "$DEFUSE" serve --port "$port" --data-dir "$WORK/defuse-pg-data" --intake-rate-limit 0 \
        > "$OUT/defuse-postgres.log" 2>&1 &
    pid=$!
    register_pid "$pid"
    wait_http "http://127.0.0.1:$port/healthz" 60 "$pid" \
        || { tail -20 "$OUT/defuse-postgres.log" >&2; die "defuse (PostgreSQL) did not become healthy"; }
    measure postgres "http://127.0.0.1:$port/api/v1/complaints" INTAKE_TARGET=defuse
    echo "PEAK_RSS_KB=$(peak_rss_kb "$pid")" >> "$OUT/result-postgres.env"
    sleep 1   # let requests still in flight when wrk stopped finish
    stop_pid "$pid"
    unregister_pid "$pid"
    rows=$(runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d defuse -tAc \
        "select count(*) from cases" 2>/dev/null || echo "?")
    echo "ROWS=$rows" >> "$OUT/result-postgres.env"
    cp "$PGDIR/postgres.log" "$OUT/postgres.log" 2>/dev/null || true
    stop_postgres
    echo "NOTE=\"PostgreSQL 15 default config (fsync on); RSS is the defuse process only\"" >> "$OUT/result-postgres.env"
}

# ---------------------------------------------------------------------------
# 5. django-helpdesk on gunicorn + SQLite
# ---------------------------------------------------------------------------
side_helpdesk() {
    local dir port master queue sid csrf pids rows gunicorn_opts=()
    dir="$WORK/helpdesk"
    mkdir -p "$dir"
    cp -r "$HERE/helpdesk_bench" "$dir/"
    export HELPDESK_BENCH_DIR="$dir" PYTHONPATH="$dir" DJANGO_SETTINGS_MODULE=helpdesk_bench.settings
    log "django-helpdesk: migrate (SQLite at $dir/helpdesk.sqlite3)"
    "$VENV/bin/django-admin" migrate --noinput -v0 > "$OUT/helpdesk-migrate.log" 2>&1 \
        || { cat "$OUT/helpdesk-migrate.log" >&2; die "migrate failed"; }
    queue=$("$VENV/bin/python" "$HERE/helpdesk_tool.py" setup)
    port=$(free_port)
    # recent gunicorn opens a control socket under ~/.gunicorn unless told not to
    [[ "$("$VENV/bin/gunicorn" --help 2>/dev/null || true)" == *--no-control-socket* ]] \
        && gunicorn_opts+=(--no-control-socket)
    log "gunicorn: $GUNICORN_WORKERS sync workers (2 x $CORES cores + 1) on 127.0.0.1:$port"
    "$VENV/bin/gunicorn" --workers "$GUNICORN_WORKERS" --worker-class sync --bind "127.0.0.1:$port" \
        --chdir "$dir" "${gunicorn_opts[@]}" helpdesk_bench.wsgi:application \
        > "$OUT/helpdesk-gunicorn.log" 2>&1 &
    master=$!
    register_pid "$master"
    wait_http "http://127.0.0.1:$port/helpdesk/login/" 60 "$master" \
        || { tail -20 "$OUT/helpdesk-gunicorn.log" >&2; die "gunicorn did not come up"; }
    read -r sid csrf < <("$VENV/bin/python" "$HERE/helpdesk_tool.py" login "http://127.0.0.1:$port")
    [[ -n "$sid" && -n "$csrf" ]] || die "could not log in to django-helpdesk"
    log "logged in through /helpdesk/login/ (session cookie + CSRF token); queue id $queue"
    measure helpdesk "http://127.0.0.1:$port/helpdesk/api/tickets/" \
        INTAKE_TARGET=helpdesk HELPDESK_QUEUE="$queue" HELPDESK_SESSION="$sid" HELPDESK_CSRF="$csrf"
    pids="$master $(children_of "$master" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    echo "PEAK_RSS_KB=$(peak_rss_kb $pids)" >> "$OUT/result-helpdesk.env"
    stop_pid "$master"
    unregister_pid "$master"
    rows=$("$VENV/bin/python" "$HERE/helpdesk_tool.py" count 2>/dev/null || echo "?")
    echo "ROWS=$rows" >> "$OUT/result-helpdesk.env"
    "$VENV/bin/python" "$HERE/helpdesk_tool.py" show > "$OUT/helpdesk-last-ticket.txt" 2>&1 || true
    echo "NOTE=\"gunicorn $GUNICORN_WORKERS sync workers, SQLite (WAL, synchronous=${HELPDESK_SQLITE_SYNCHRONOUS:-FULL}); RSS summed over master+workers\"" \
        >> "$OUT/result-helpdesk.env"
}

# ---------------------------------------------------------------------------
# 6. report
# ---------------------------------------------------------------------------
load_result() { # side -> sets R_* variables, returns 1 if missing
    local f="$OUT/result-$1.env"
    unset TP_OK_PER_S TP_REQ_PER_S TP_ERRORS TP_CODES TP_TIMEOUTS LAT_REQ_PER_S LAT_P50 LAT_P99 LAT_ERRORS \
        LAT_CODES LAT_TIMEOUTS PEAK_RSS_KB ROWS NOTE
    [[ -f "$f" ]] || return 1
    # shellcheck disable=SC1090
    source "$f"
    [[ -n "${TP_OK_PER_S:-}" && -n "${PEAK_RSS_KB:-}" ]]
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }

report() {
    local side label status sqlite_tp="" pg_tp="" hd_tp=""
    echo "Defuse intake benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "machine: $CORES cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
    echo "defuse: ${DEFUSE_DESC}; git $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo 'uncommitted')"
    if want_side helpdesk && [[ -x "$VENV/bin/python" ]]; then
        echo "peer: $("$VENV/bin/python" -c 'from importlib.metadata import version as v; print("django-helpdesk", v("django-helpdesk"), "/ Django", v("Django"), "/ gunicorn", v("gunicorn"))' 2>/dev/null)"
    fi
    echo "load: POST one of 30 multilingual complaints (el/es/tr/ru/tl/en), 1 in 3 from a new customer;"
    echo "      throughput = wrk -t$THREADS -c$CONNS -d${DURATION}s as fast as possible; latency = paced at $RATE req/s, -c$CONNS, ${DURATION}s"
    echo "      success = HTTP 201 only; errors = other statuses + connect/read/write errors"
    echo "      p50/p99 are wrk 4's percentiles, which include its coordinated-omission correction"
    echo
    printf '%-18s %12s %10s %9s %9s %11s %9s %10s %9s\n' \
        "side" "complaints/s" "tp errors" "p50 ms" "p99 ms" "paced req/s" "lat errs" "peak RSS" "DB rows"
    printf '%-18s %12s %10s %9s %9s %11s %9s %10s %9s\n' \
        "" "(201/s)" "" "@${RATE}/s" "@${RATE}/s" "(achieved)" "" "MiB" ""
    for side in sqlite postgres helpdesk; do
        case $side in
            sqlite) label="defuse sqlite" ;;
            postgres) label="defuse postgres" ;;
            helpdesk) label="django-helpdesk" ;;
        esac
        if ! want_side "$side"; then
            printf '%-18s %s\n' "$label" "skipped"
            continue
        fi
        if ! load_result "$side"; then
            printf '%-18s %s\n' "$label" "FAILED (see $OUT)"
            continue
        fi
        printf '%-18s %12s %10s %9s %9s %11s %9s %10s %9s\n' "$label" "$TP_OK_PER_S" "$TP_ERRORS" \
            "$LAT_P50" "$LAT_P99" "$LAT_REQ_PER_S" "$LAT_ERRORS" \
            "$(awk -v k="$PEAK_RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')" "$ROWS"
        case $side in
            sqlite) sqlite_tp=$TP_OK_PER_S ;;
            postgres) pg_tp=$TP_OK_PER_S ;;
            helpdesk) hd_tp=$TP_OK_PER_S ;;
        esac
    done
    echo
    if [[ -n "$hd_tp" ]]; then
        [[ -n "$sqlite_tp" ]] && echo "throughput ratio defuse-sqlite / django-helpdesk:   $(ratio "$sqlite_tp" "$hd_tp")"
        [[ -n "$pg_tp" ]] && echo "throughput ratio defuse-postgres / django-helpdesk: $(ratio "$pg_tp" "$hd_tp")"
    fi
    for side in sqlite postgres helpdesk; do
        want_side "$side" && load_result "$side" || continue
        awk -v a="$LAT_REQ_PER_S" -v r="$RATE" 'BEGIN { exit !(a < 0.95 * r) }' \
            && echo "note: $side could not keep up with $RATE req/s (achieved $LAT_REQ_PER_S/s): its latency figures include queueing behind $CONNS connections"
        [[ "${TP_CODES:--}" != "-" || "${LAT_CODES:--}" != "-" ]] \
            && echo "note: $side non-201 statuses seen (first few): throughput ${TP_CODES:--} latency ${LAT_CODES:--}"
        (( ${TP_TIMEOUTS:-0} + ${LAT_TIMEOUTS:-0} > 0 )) \
            && echo "note: $side had responses slower than 5 s, left out of wrk's percentiles: throughput run ${TP_TIMEOUTS:-0}, latency run ${LAT_TIMEOUTS:-0}"
        echo "setup $side: $NOTE"
    done
    echo "django-helpdesk: ticket creation through its DRF API (POST /helpdesk/api/tickets/) with a logged-in"
    echo "  staff session (sessionid cookie + X-CSRFToken); e-mail goes to Django's dummy backend."
    echo "raw wrk output and server logs: $OUT/"
}

# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------
mkdir -p "$OUT"
rm -f "$OUT"/result-*.env
install_tools
DEFUSE_DESC="not run"
if want_side sqlite || want_side postgres; then
    build_defuse
    if [[ -n "${DEFUSE_BIN:-}" ]]; then DEFUSE_DESC="prebuilt $DEFUSE"; else DEFUSE_DESC="release build"; fi
fi
if want_side postgres; then
    PGDIR=$(mktemp -d /tmp/defuse-intake-pg.XXXXXX)
fi

FAILED=0
for side in sqlite postgres helpdesk; do
    want_side "$side" || continue
    log "=== $side ==="
    # Each side runs in a subshell with set -e in force; a failure is reported
    # and the other sides still run. Servers are registered for cleanup.
    # It runs in the background so that a signal reaches on_signal at once.
    set +e
    ( set -eE; trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR; "side_$side" ) &
    SIDE_PID=$!
    wait "$SIDE_PID"
    rc=$?
    SIDE_PID=""
    set -e
    stop_registered
    stop_postgres
    if (( rc != 0 )); then
        log "side $side failed (exit $rc)"
        FAILED=1
    fi
done

report | tee "$HERE/results-latest.txt"
exit "$FAILED"
