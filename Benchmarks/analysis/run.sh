#!/usr/bin/env bash
# Analyzer speed benchmark: how many messages per second the Defuse analyzer reads on
# one core, how long its language packs take to load and how much memory it holds,
# next to VADER, lingua and py3langid on the same messages; and how many drafts per
# second the reply coach reviews, next to VADER scoring the same drafts. See README.md beside this file.
# Nothing here touches the network once the venv exists.
#
# Knobs (environment):
#   ANALYSIS_SECONDS    seconds per timed run, default 5 (capped at 20)
#   ANALYSIS_CORE       the CPU core every timed run is pinned to, default 0
#   ANALYSIS_CORPUS     directory of labelled *.jsonl, default Tests/DefuseAnalysisTests/Corpus
#   ANALYSIS_EVAL_BIN   use this analysis-eval binary instead of building the release one
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV="$HERE/.venv"
OUT="$HERE/out"
SCRATCH="$ROOT/.build-bench"      # not .build: keeps clear of other builds of the package

SECONDS_PER_RUN=${ANALYSIS_SECONDS:-5}
[[ "$SECONDS_PER_RUN" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "ANALYSIS_SECONDS must be a number" >&2; exit 2; }
awk -v s="$SECONDS_PER_RUN" 'BEGIN { exit !(s > 20) }' && SECONDS_PER_RUN=20
CORE=${ANALYSIS_CORE:-0}
CORPUS=${ANALYSIS_CORPUS:-$ROOT/Tests/DefuseAnalysisTests/Corpus}

log() { printf '[analysis %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

WORK=$(mktemp -d /tmp/defuse-analysis.XXXXXX)
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------
# 1. tools and the peers' venv
# ---------------------------------------------------------------------------
source "$HERE/../lib.sh"

install_tools() {
    command -v taskset >/dev/null || apt_install util-linux
    taskset -c "$CORE" true 2>/dev/null || die "cannot pin to core $CORE (taskset -c $CORE failed)"
    ensure_venv "$VENV" "$HERE/requirements.txt"
}

# ---------------------------------------------------------------------------
# 2. build
# ---------------------------------------------------------------------------
EVAL=""
build_eval() {
    if [[ -n "${ANALYSIS_EVAL_BIN:-}" ]]; then
        EVAL=$ANALYSIS_EVAL_BIN
        [[ -x "$EVAL" ]] || die "ANALYSIS_EVAL_BIN=$EVAL is not executable"
        log "using ANALYSIS_EVAL_BIN=$EVAL (not building)"
        return
    fi
    command -v swift >/dev/null || die "swift is not on PATH"
    log "swift build -c release --scratch-path .build-bench --product analysis-eval"
    (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product analysis-eval) >&2
    EVAL="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/analysis-eval"
    [[ -x "$EVAL" ]] || die "no binary at $EVAL"
}

# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------
PY="$VENV/bin/python"
install_tools
build_eval
mkdir -p "$OUT"
rm -f "$OUT"/speed.txt "$OUT"/speed-time.txt "$OUT"/speed-en.txt "$OUT"/speed-en-time.txt "$OUT"/quality.txt \
    "$OUT"/peers.json "$OUT"/input.jsonl

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# 3. input: every corpus message of 100-600 characters, all six languages
INPUT="$WORK/input.jsonl"
[[ -d "$CORPUS" ]] || die "no corpus directory $CORPUS"
"$PY" "$HERE/peers.py" filter "$CORPUS" "$INPUT" --min 100 --max 600 > "$WORK/filter.txt"
MESSAGES=$(awk '$1 == "messages" { print $2 }' "$WORK/filter.txt")
MEAN=$(awk '$1 == "mean_chars" { print $2 }' "$WORK/filter.txt")
(( MESSAGES > 0 )) || die "no corpus message is 100-600 characters long"
log "input: $MESSAGES messages of 100-600 characters, mean $MEAN characters ($(sed -n 's/^per_language //p' "$WORK/filter.txt"))"
cp "$INPUT" "$OUT/input.jsonl"

# 4. our side: one core, all messages and (to set next to VADER) the English ones; then
#    language accuracy on the same messages
mkdir -p "$WORK/quality"
"$PY" "$HERE/peers.py" split "$INPUT" "$WORK/quality"     # el.jsonl ... en.jsonl

TIMEFORMAT='%U %S %R'   # bash's `time`: user, system, wall seconds -> CPU share of the run
our_speed() { # input name
    log "defuse analyzer ($2): taskset -c $CORE analysis-eval speed --seconds $SECONDS_PER_RUN"
    { time taskset -c "$CORE" "$EVAL" speed "$1" --seconds "$SECONDS_PER_RUN" \
          > "$OUT/$2.txt" 2> "$WORK/$2.err"; } 2> "$OUT/$2-time.txt" \
        || { cat "$WORK/$2.err" >&2; die "analysis-eval speed failed"; }
    grep -E '^(throughput_msgs_per_s|pack_load_ms|peak_rss_mib) ' "$OUT/$2.txt" | sed 's/^/    /' >&2
}
our_speed "$INPUT" speed
if [[ -s "$WORK/quality/en.jsonl" ]]; then our_speed "$WORK/quality/en.jsonl" speed-en; fi

"$EVAL" quality "$WORK/quality" --errors language > "$OUT/quality.txt" 2>&1 \
    || { cat "$OUT/quality.txt" >&2; die "analysis-eval quality failed"; }
log "defuse analyzer: $(grep '^language accuracy' "$OUT/quality.txt" | tr -s ' ')"

# 5. peers, same messages, same core (the children of peers.py inherit the affinity)
PEERS_OK=1
taskset -c "$CORE" "$PY" "$HERE/peers.py" measure "$INPUT" --out "$OUT/peers.json" --seconds "$SECONDS_PER_RUN" \
    || { log "peers failed"; PEERS_OK=0; }

# 6. the reply coach: drafts reviewed per second on one core (every labelled draft, dev and held-out, with the
#    customer's message analysed beforehand as the server stores it), next to VADER scoring the same drafts for
#    tone, which is what a desk without a coach would reach for
DRAFTS="$WORK/drafts.jsonl"
for file in "$ROOT"/Tests/DefuseAnalysisTests/CoachCorpus/*.jsonl "$ROOT"/Tests/DefuseAnalysisTests/CoachHoldout/*.jsonl; do
    cat "$file"; echo    # a file may not end with a newline
done | grep -v '^[[:space:]]*$' > "$DRAFTS"
log "defuse coach: taskset -c $CORE analysis-eval coach-speed --seconds $SECONDS_PER_RUN"
taskset -c "$CORE" "$EVAL" coach-speed "$DRAFTS" --seconds "$SECONDS_PER_RUN" > "$OUT/coach-speed.txt" \
    || die "analysis-eval coach-speed failed"
COACH_RATE=$(awk '$1 == "throughput_drafts_per_s" { print $2 }' "$OUT/coach-speed.txt")
COACH_VADER=0
if taskset -c "$CORE" "$PY" "$HERE/peers.py" one vader-all "$DRAFTS" --seconds "$SECONDS_PER_RUN" > "$OUT/coach-vader.json"; then
    COACH_VADER=$("$PY" -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["msgs_per_s"]))' "$OUT/coach-vader.json")
else
    log "VADER on the drafts failed"; PEERS_OK=0
fi
COACH_REPORT=$(awk -v ours="$COACH_RATE" -v vader="$COACH_VADER" \
    -v drafts="$(sed -n 's/^drafts: //p' "$OUT/coach-speed.txt")" 'BEGIN {
    printf "\nreply coach (the same core; drafts: %s)\n", drafts
    printf "  defuse coach            %9d drafts/s   (target >= 50,000: %s)\n", ours, (ours >= 50000 ? "met" : "NOT met")
    if (vader > 0) printf "  VADER polarity_scores   %9d drafts/s   ratio %.1fx\n", vader, ours / vader
}')

# 7. report
"$PY" "$HERE/peers.py" report --input "$INPUT" --speed "$OUT/speed.txt" --quality "$OUT/quality.txt" \
    --peers "$OUT/peers.json" --time "$OUT/speed-time.txt" --core "$CORE" --load-start "$LOAD_START" \
    --speed-en "$OUT/speed-en.txt" --time-en "$OUT/speed-en-time.txt" > "$WORK/report.txt"
{
    cat "$WORK/report.txt"
    echo "$COACH_REPORT"
    echo "defuse: $(if [[ -n "${ANALYSIS_EVAL_BIN:-}" ]]; then echo "prebuilt $EVAL"; else echo "release build of analysis-eval"; fi);" \
        "git $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo 'uncommitted'); $(swift --version 2>/dev/null | head -1 || true)"
    echo "raw output: Benchmarks/analysis/out/ (speed.txt, quality.txt, peers.json, input.jsonl)"
} | tee "$HERE/results-latest.txt"
(( PEERS_OK )) || exit 1
