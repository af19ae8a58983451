#!/usr/bin/env bash
# Complaints told from praise on real public posts, ours next to VADER on the same posts, in one run.
#
# The posts are the human-rated sets that ship in vaderSentiment's source release on PyPI (Hutto & Gilbert, ICWSM
# 2014, MIT licence): Amazon review sentences and tweets, each rated -4..+4 by about 20 people. A mean of -1 or less
# is a complaint, +1 or more praise, the rest are left out. Odd-numbered reviews and tweets are the "dev" split (their
# misses may be read to improve the packs: `analysis-eval posts FILE --errors`), even ones the "test" split, whose
# texts are never shown. English only: no such public set in el, es, tr, ru or tl ships on PyPI.
# The first run downloads the source release (about 130 kB) into .cache/ here; later runs use no network.
#
# Knobs: ANALYSIS_EVAL_BIN (use this analysis-eval instead of building the release one), POSTS_MARGIN (default 1.0).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV="$HERE/.venv"
CACHE="$HERE/.cache"
OUT="$HERE/out"
log() { printf '[posts %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
source "$HERE/../lib.sh"

ensure_venv "$VENV" "$HERE/requirements.txt"
version=$(sed -n 's/^vaderSentiment==\([0-9.]*\).*/\1/p' "$HERE/requirements.txt")
sdist="$CACHE/vaderSentiment-$version.tar.gz"
if [[ ! -f "$sdist" ]]; then
    log "pip download vaderSentiment==$version (source release, for its rated posts)"
    mkdir -p "$CACHE"
    "$VENV/bin/pip" download -q --disable-pip-version-check --no-deps --no-binary :all: \
        "vaderSentiment==$version" -d "$CACHE"
fi
[[ -f "$sdist" ]] || die "no $sdist after pip download"

if [[ -n "${ANALYSIS_EVAL_BIN:-}" ]]; then
    EVAL=$ANALYSIS_EVAL_BIN
else
    log "swift build -c release --scratch-path .build-bench --product analysis-eval"
    (cd "$ROOT" && swift build -c release --scratch-path "$ROOT/.build-bench" --product analysis-eval) >&2
    EVAL="$(cd "$ROOT" && swift build -c release --scratch-path "$ROOT/.build-bench" --show-bin-path)/analysis-eval"
fi
[[ -x "$EVAL" ]] || die "no analysis-eval at $EVAL"

mkdir -p "$OUT"
posts="$OUT/posts.jsonl"
"$VENV/bin/python" "$HERE/real_posts.py" extract "$sdist" "$posts" --margin "${POSTS_MARGIN:-1.0}" >&2
"$EVAL" posts "$posts" > "$OUT/posts-ours.txt"
"$VENV/bin/python" "$HERE/real_posts.py" vader "$posts" > "$OUT/posts-vader.txt"

python3 - "$OUT/posts-ours.txt" "$OUT/posts-vader.txt" <<'PY' | tee "$HERE/results-posts.txt"
import sys
def rows(path):
    lines = open(path).read().split("\n")[1:]
    return {p[0]: p[1:] for p in (line.split() for line in lines) if len(p) == 6}
ours, vader = rows(sys.argv[1]), rows(sys.argv[2])
print("Complaints told from praise on real public posts (balanced accuracy: mean of complaints caught and praise left alone)")
print(f"{'posts/split':22} {'complaints':>10} {'praise':>7}   {'ours: caught':>12} {'left alone':>10} {'BA':>5}"
      f"   {'VADER: caught':>13} {'left alone':>10} {'BA':>5}   ours/VADER")
for key in sorted(ours):
    o, v = ours[key], vader.get(key, ["0"] * 5)
    print(f"{key:22} {o[0]:>10} {o[1]:>7}   {o[2]:>12} {o[3]:>10} {o[4]:>5}   {v[2]:>13} {v[3]:>10} {v[4]:>5}"
          f"   {float(o[4]) / float(v[4]):.2f}")
print("target: BA >= 0.85 on the test split. VADER: compound <= -0.05 reads as a complaint; these tweets were rated "
      "for the VADER paper itself, so VADER has seen their like.")
PY
