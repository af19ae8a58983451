#!/usr/bin/env python3
"""Peers of the analyzer speed benchmark (run by run.sh inside Benchmarks/analysis/.venv).

    peers.py filter CORPUS_DIR OUT.jsonl [--min 100] [--max 600]
        every corpus message whose text is MIN..MAX characters (code points), one JSON line each;
        prints "messages N" and "mean_chars X"
    peers.py split INPUT.jsonl DIR
        the same messages as DIR/<language>.jsonl, for `analysis-eval quality DIR`
    peers.py measure INPUT.jsonl --out PEERS.json [--seconds 5]
        times each peer in its own child process (so load time and peak RSS are its own);
        run it under `taskset -c 0` and the children inherit the one core
    peers.py one PEER INPUT.jsonl [--seconds 5]
        one peer (vader-en, vader-all, lingua, py3langid); prints one JSON object
    peers.py report --input INPUT.jsonl --speed SPEED.txt --quality QUALITY.txt --peers PEERS.json
        [--time TIME.txt] [--speed-en SPEED-EN.txt --time-en TIME-EN.txt]
        the summary table (our figures come from analysis-eval's output)

Everything is offline: the peers' models ship inside their wheels.
"""
import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

LANGUAGES = ["el", "es", "tr", "ru", "tl", "en"]
PEERS = ["vader-en", "vader-all", "lingua", "py3langid"]
TARGET_MSGS_PER_S = 100_000
TARGET_LOAD_MS = 200
TARGET_RSS_MIB = 64


def load_messages(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def peak_rss_mib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


# ---------------------------------------------------------------------------
# filter / split
# ---------------------------------------------------------------------------
def cmd_filter(args):
    files = sorted(Path(args.corpus).glob("*.jsonl"))
    if not files:
        sys.exit(f"peers.py: no *.jsonl in {args.corpus}")
    kept = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                message = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit(f"peers.py: {path}:{number}: {error}")
            if args.min <= len(message["text"]) <= args.max:
                kept.append(message)
    with open(args.out, "w", encoding="utf-8") as out:
        for message in kept:
            out.write(json.dumps(message, ensure_ascii=False) + "\n")
    per_language = Counter(message["language"] for message in kept)
    mean = sum(len(message["text"]) for message in kept) / max(1, len(kept))
    print(f"messages {len(kept)}")
    print(f"mean_chars {mean:.1f}")
    print("per_language " + " ".join(f"{lang}={per_language.get(lang, 0)}" for lang in LANGUAGES))
    missing = [lang for lang in LANGUAGES if not per_language.get(lang)]
    if missing:
        print(f"peers.py: warning: no messages for {', '.join(missing)}", file=sys.stderr)


def cmd_split(args):
    by_language = defaultdict(list)
    for message in load_messages(args.input):
        by_language[message["language"]].append(message)
    os.makedirs(args.dir, exist_ok=True)
    for language, messages in by_language.items():
        with open(os.path.join(args.dir, f"{language}.jsonl"), "w", encoding="utf-8") as out:
            for message in messages:
                out.write(json.dumps(message, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------
# one peer
# ---------------------------------------------------------------------------
def make_peer(name):
    """-> (function text -> result, language-of-result or None, load milliseconds, description)"""
    start = time.perf_counter()
    if name in ("vader-en", "vader-all"):
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        load_ms = (time.perf_counter() - start) * 1000
        return analyzer.polarity_scores, None, load_ms, "SentimentIntensityAnalyzer().polarity_scores"
    if name == "lingua":
        from lingua import Language, LanguageDetectorBuilder

        wanted = [Language.GREEK, Language.SPANISH, Language.TURKISH, Language.RUSSIAN,
                  Language.TAGALOG, Language.ENGLISH]
        # Default (high-accuracy) mode, models preloaded so that load time is not
        # counted in the first detections.
        detector = LanguageDetectorBuilder.from_languages(*wanted).with_preloaded_language_models().build()
        load_ms = (time.perf_counter() - start) * 1000

        def language_of(result):
            return result.iso_code_639_1.name.lower() if result is not None else None

        return (detector.detect_language_of, language_of, load_ms,
                "from_languages(6).with_preloaded_language_models().build(), high-accuracy mode; detect_language_of")
    if name == "py3langid":
        import py3langid

        py3langid.set_languages(LANGUAGES)   # loads the bundled model on first use
        load_ms = (time.perf_counter() - start) * 1000
        return (py3langid.classify, lambda result: result[0], load_ms,
                "set_languages(el es tr ru tl en); classify")
    raise SystemExit(f"peers.py: unknown peer {name}")


def cmd_one(args):
    messages = load_messages(args.input)
    if args.peer == "vader-en":
        messages = [message for message in messages if message["language"] == "en"]
    texts = [message["text"] for message in messages]
    if not texts:
        raise SystemExit(f"peers.py: no messages for {args.peer}")
    function, language_of, load_ms, how = make_peer(args.peer)

    # Warm-up pass; it is also the accuracy pass (every peer is deterministic).
    correct = Counter()
    total = Counter()
    misses = []
    for message, text in zip(messages, texts):
        result = function(text)
        if language_of is not None:
            got = language_of(result)
            total[message["language"]] += 1
            correct[message["language"]] += got == message["language"]
            if got != message["language"]:
                misses.append([message.get("id", "?"), message["language"], got])

    analysed = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        for text in texts:
            function(text)
        analysed += len(texts)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start

    result = {
        "peer": args.peer,
        "how": how,
        "messages": len(texts),
        "mean_chars": sum(len(text) for text in texts) / len(texts),
        "analysed": analysed,
        "seconds": round(elapsed, 3),
        "msgs_per_s": analysed / elapsed,
        "cpu_share": cpu / elapsed,
        "load_ms": load_ms,
        "peak_rss_mib": peak_rss_mib(),
        "affinity": sorted(os.sched_getaffinity(0)),
    }
    if language_of is not None:
        result["accuracy"] = sum(correct.values()) / max(1, sum(total.values()))
        result["accuracy_by_language"] = {lang: correct[lang] / total[lang] for lang in total}
        result["misses"] = misses
    print(json.dumps(result))


def installed_version(distribution):
    try:
        from importlib.metadata import version
        return version(distribution)
    except Exception:   # noqa: BLE001 - only for the report header
        return "?"


def cmd_measure(args):
    results = {}
    for peer in PEERS:
        print(f"[analysis peers] {peer}: {args.seconds:g} s after a warm-up pass", file=sys.stderr, flush=True)
        run = subprocess.run([sys.executable, os.path.abspath(__file__), "one", peer, args.input,
                              "--seconds", str(args.seconds)],
                             capture_output=True, text=True, timeout=args.seconds * 4 + 120)
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            results[peer] = {"peer": peer, "error": (run.stderr.strip().splitlines() or ["failed"])[-1]}
            continue
        results[peer] = json.loads(run.stdout.strip().splitlines()[-1])
        r = results[peer]
        extra = f", language accuracy {r['accuracy']:.3f}" if "accuracy" in r else ""
        print(f"[analysis peers] {peer}: {r['msgs_per_s']:,.0f} msgs/s, load {r['load_ms']:.0f} ms, "
              f"peak RSS {r['peak_rss_mib']:.0f} MiB{extra}", file=sys.stderr, flush=True)
    results["_versions"] = {
        "python": platform.python_version(),
        "vaderSentiment": installed_version("vaderSentiment"),
        "lingua-language-detector": installed_version("lingua-language-detector"),
        "py3langid": installed_version("py3langid"),
        "numpy": installed_version("numpy"),
    }
    with open(args.out, "w") as out:
        json.dump(results, out, indent=1)


# ---------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------
def parse_speed(path):
    figures = {}
    for line in Path(path).read_text().splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("throughput_msgs_per_s", "pack_load_ms", "peak_rss_mib"):
            figures[parts[0]] = float(parts[1])
    missing = {"throughput_msgs_per_s", "pack_load_ms", "peak_rss_mib"} - figures.keys()
    if missing:
        raise SystemExit(f"peers.py: {path} lacks {', '.join(sorted(missing))}")
    return figures


MISS_LINE = re.compile(r"^\[(\S+)\] .*\blang=(\S*) anger=")


def parse_quality(path, messages):
    """`analysis-eval quality DIR --errors language` -> ({"all": x, "el": y, ...}, misses).

    The "language accuracy" row has two decimals; with --errors language the tool also prints
    one "[id] ... lang=xx" line per message whose language it got wrong, which gives the exact
    figure. The row is kept as a cross-check."""
    header, row, misses = None, None, []
    for line in Path(path).read_text().splitlines():
        match = MISS_LINE.match(line)
        if match:
            misses.append(match.groups())
        elif line.startswith("figure"):
            header = line.split()[1:]
        elif line.startswith("language accuracy") and header:
            cells = line[len("language accuracy"):].split()
            row = {name: float(cell) for name, cell in zip(header, cells)}
    if row is None:
        raise SystemExit(f"peers.py: no 'language accuracy' row in {path}")
    label = {message.get("id"): message["language"] for message in messages}
    total = Counter(message["language"] for message in messages)
    wrong = Counter(label.get(message_id, "?") for message_id, _ in misses)
    exact = {"all": 1 - sum(wrong.values()) / max(1, len(messages))}
    exact.update({lang: 1 - wrong[lang] / total[lang] for lang in total})
    if any(abs(exact[name] - row[name]) > 0.006 for name in row if name in exact):
        print(f"peers.py: warning: language misses in {path} do not match its accuracy row; using the row",
              file=sys.stderr)
        return row, []
    return exact, [[message_id, label.get(message_id, "?"), got] for message_id, got in misses]


def romanised(misses, messages):
    """How many misses are Greek or Russian messages written in Latin letters."""
    text = {message.get("id"): message["text"] for message in messages}
    count = 0
    for message_id, language, _ in misses:
        body = text.get(message_id, "")
        if language == "el" and not re.search("[\u0370-\u03ff\u1f00-\u1fff]", body):
            count += 1
        elif language == "ru" and not re.search("[\u0400-\u04ff]", body):
            count += 1
    return count


def parse_time(path):
    """bash `time` with TIMEFORMAT='%U %S %R' -> CPU share of the run."""
    try:
        user, system, real = (float(x) for x in Path(path).read_text().split()[-3:])
        return (user + system) / real if real > 0 else None
    except (OSError, ValueError):
        return None


def cmd_report(args):
    messages = load_messages(args.input)
    per_language = Counter(message["language"] for message in messages)
    mean_chars = sum(len(message["text"]) for message in messages) / max(1, len(messages))
    speed = parse_speed(args.speed)
    speed_en = parse_speed(args.speed_en) if args.speed_en and os.path.exists(args.speed_en) else None
    quality, our_misses = (parse_quality(args.quality, messages) if args.quality and os.path.exists(args.quality)
                           else ({}, []))
    peers = json.loads(Path(args.peers).read_text()) if args.peers and os.path.exists(args.peers) else {}
    versions = peers.pop("_versions", {})
    ours_cpu = parse_time(args.time) if args.time else None
    ours = speed["throughput_msgs_per_s"]

    def fmt_rate(x):
        return f"{x:,.0f}"

    def fmt_acc(x):
        return "-" if x is None else f"{x:.3f}"

    def fmt_share(x):
        return "-" if x is None else f"{x * 100:.0f}%"

    def per_cpu(rate, share):
        return "-" if not share else fmt_rate(rate / min(1.0, share))

    rows = [("defuse analyzer", "lang + anger + 5 flags + categories + demands, evidence spans",
             f"all {len(messages)}", fmt_rate(ours), "1.0x", fmt_acc(quality.get("all")),
             f"{speed['pack_load_ms']:.0f}", f"{speed['peak_rss_mib']:.0f}", fmt_share(ours_cpu),
             per_cpu(ours, ours_cpu))]
    if speed_en:
        share_en = parse_time(args.time_en) if args.time_en else None
        rows.append(("defuse analyzer", "same, on the English messages only", f"en {per_language.get('en', 0)}",
                     fmt_rate(speed_en["throughput_msgs_per_s"]), "1.0x", fmt_acc(quality.get("en")),
                     f"{speed_en['pack_load_ms']:.0f}", f"{speed_en['peak_rss_mib']:.0f}",
                     fmt_share(share_en), per_cpu(speed_en["throughput_msgs_per_s"], share_en)))
    what = {
        "vader-en": ("VADER", "English sentiment polarity (EN only)", "en"),
        "vader-all": ("VADER (all langs)", "same, on every message (reference)", "all"),
        "lingua": ("lingua", "language ID, 6 langs, high accuracy", "all"),
        "py3langid": ("py3langid", "language ID, 6 langs", "all"),
    }
    for peer in PEERS:
        name, does, subset = what[peer]
        r = peers.get(peer)
        if not r or "error" in r:
            rows.append((name, does, subset, "FAILED", "-", "-", "-", "-", "-",
                         (r or {}).get("error", "not run")[:40]))
            continue
        same = speed_en["throughput_msgs_per_s"] if subset == "en" and speed_en else ours
        rows.append((name, does, f"{subset} {r['messages']}", fmt_rate(r["msgs_per_s"]),
                     f"{same / r['msgs_per_s']:.1f}x", fmt_acc(r.get("accuracy")),
                     f"{r['load_ms']:.0f}", f"{r['peak_rss_mib']:.0f}", fmt_share(r.get("cpu_share")),
                     per_cpu(r["msgs_per_s"], r.get("cpu_share"))))

    head = ("tool", "what it does", "messages", "msgs/s", "ours/tool", "lang acc", "load ms", "RSS MiB", "CPU",
            "msgs/CPU-s")
    widths = [max(len(str(row[i])) for row in rows + [head]) for i in range(len(head))]
    right = {3, 4, 5, 6, 7, 8, 9}

    def line(row):
        return "  ".join(str(cell).rjust(widths[i]) if i in right else str(cell).ljust(widths[i])
                         for i, cell in enumerate(row)).rstrip()

    out = []
    out.append(f"Defuse analyzer speed benchmark — {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}")
    try:
        load_now = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load_now = "?"
    load = f"{args.load_start} before the runs, {load_now} after" if args.load_start else load_now
    out.append(f"machine: {os.cpu_count()} cores ({cpu_model()}), every timed run pinned to core {args.core} "
               f"with taskset -c {args.core}; load average {load}")
    lengths = sorted(len(message["text"]) for message in messages) or [0]
    out.append(f"input: {len(messages)} corpus messages of 100-600 characters (code points), mean {mean_chars:.1f}, "
               f"median {lengths[len(lengths) // 2]}, longest {lengths[-1]}; "
               + " ".join(f"{lang} {per_language.get(lang, 0)}" for lang in LANGUAGES))
    out.append("peers: Python " + versions.get("python", "?") + ", vaderSentiment " + versions.get("vaderSentiment", "?")
               + ", lingua-language-detector " + versions.get("lingua-language-detector", "?")
               + ", py3langid " + versions.get("py3langid", "?") + " (numpy " + versions.get("numpy", "?") + ")")
    out.append("")
    out.append(line(head))
    out.append(line(tuple("-" * w for w in widths)))
    out.extend(line(row) for row in rows)
    out.append("")
    out.append("ours/tool = our msgs/s on the same messages (en rows: our en-only run) divided by the tool's.")
    out.append("lang acc = share of messages whose detected language is the corpus label.")
    out.append("CPU = CPU time / wall time of the timed run on the pinned core; well under 100% means something")
    out.append("else was running on that core and msgs/s is understated. msgs/CPU-s = msgs/s / CPU, a rough")
    out.append("correction for that (it does not undo the cache misses a neighbour causes). Targets and ratios")
    out.append("use msgs/s as measured.")
    out.append("load ms: our language packs (Analyzer.bundled()); VADER's lexicon; lingua's build() with every model")
    out.append("preloaded; py3langid's model load + set_languages. RSS: peak resident set (VmHWM) of each process.")
    out.append("")

    # targets
    def verdict(ok):
        return "met" if ok else "MISSED"
    out.append("targets for the defuse analyzer:")
    out.append(f"  throughput   {fmt_rate(ours):>10} msgs/s on one core   target >= {TARGET_MSGS_PER_S:,}   "
               f"{verdict(ours >= TARGET_MSGS_PER_S)}")
    out.append(f"  pack load    {speed['pack_load_ms']:>10.1f} ms                  target <  {TARGET_LOAD_MS}       "
               f"{verdict(speed['pack_load_ms'] < TARGET_LOAD_MS)}")
    out.append(f"  peak RSS     {speed['peak_rss_mib']:>10.0f} MiB                 target <  {TARGET_RSS_MIB} MB     "
               f"{verdict(speed['peak_rss_mib'] * 1.048576 < TARGET_RSS_MIB)}")
    out.append("")

    # language accuracy by language
    acc_rows = [("defuse analyzer", quality)]
    for peer in ("lingua", "py3langid"):
        r = peers.get(peer) or {}
        if "accuracy_by_language" in r:
            acc_rows.append((peer, {"all": r["accuracy"], **r["accuracy_by_language"]}))
    out.append("language accuracy against the corpus 'language' label (same messages):")
    out.append("  " + "tool".ljust(16) + "".join(c.rjust(7) for c in ["all"] + LANGUAGES))
    for name, cells in acc_rows:
        out.append("  " + name.ljust(16) + "".join(
            (f"{cells[c]:.2f}" if c in cells else "-").rjust(7) for c in ["all"] + LANGUAGES))
    for name, misses in [("defuse analyzer", our_misses)] + [
            (peer, (peers.get(peer) or {}).get("misses")) for peer in ("lingua", "py3langid")]:
        if misses is None:
            continue
        if not misses:
            out.append(f"  {name}: no misses")
            continue
        shown = ", ".join(f"{m[0]}->{m[2]}" for m in misses[:8]) + (" ..." if len(misses) > 8 else "")
        out.append(f"  {name}: {len(misses)} misses, {romanised(misses, messages)} of them romanised el/ru "
                   f"(Greeklish/translit): {shown}")
    out.append("  ours comes from `analysis-eval quality --errors language`. The language packs are developed")
    out.append("  against this corpus, so our figure is in-sample; the peers have never seen it. Taglish")
    out.append("  messages are labelled tl.")
    out.append("")
    vader = peers.get("vader-en") or {}
    english = f" ({vader['messages']}, mean {vader['mean_chars']:.0f} characters)" if "mean_chars" in vader else ""
    out.append(f"VADER is English-only: its row is timed on the English messages{english}; 'VADER (all")
    out.append("langs)' runs the same call on every message for reference only (its scores on non-English text")
    out.append("mean nothing).")
    out.append("The peers each do one narrow job; the defuse analyzer does language ID and the whole reading")
    out.append("(anger level, abuse/threat/churn/public/legal, categories, demands, with evidence) in one pass.")
    text = "\n".join(out)
    print(text)


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("filter")
    p.add_argument("corpus")
    p.add_argument("out")
    p.add_argument("--min", type=int, default=100)
    p.add_argument("--max", type=int, default=600)
    p.set_defaults(func=cmd_filter)
    p = sub.add_parser("split")
    p.add_argument("input")
    p.add_argument("dir")
    p.set_defaults(func=cmd_split)
    p = sub.add_parser("measure")
    p.add_argument("input")
    p.add_argument("--out", required=True)
    p.add_argument("--seconds", type=float, default=5)
    p.set_defaults(func=cmd_measure)
    p = sub.add_parser("one")
    p.add_argument("peer", choices=PEERS)
    p.add_argument("input")
    p.add_argument("--seconds", type=float, default=5)
    p.set_defaults(func=cmd_one)
    p = sub.add_parser("report")
    p.add_argument("--input", required=True)
    p.add_argument("--speed", required=True)
    p.add_argument("--quality")
    p.add_argument("--peers")
    p.add_argument("--time")
    p.add_argument("--core", default="0")
    p.add_argument("--load-start")
    p.add_argument("--speed-en")
    p.add_argument("--time-en")
    p.set_defaults(func=cmd_report)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
