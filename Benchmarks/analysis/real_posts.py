#!/usr/bin/env python3
"""Real public posts for the analyzer's complaint-vs-praise check (run by real-posts.sh inside the venv).

    real_posts.py extract SDIST.tar.gz OUT.jsonl [--margin 1.0]
        reads the human-rated sets that ship with vaderSentiment's source release (Hutto & Gilbert, ICWSM 2014, MIT
        licence): Amazon review sentences and tweets, each rated -4..+4 by about 20 people. A post whose mean rating
        is at most -MARGIN is a complaint, at least +MARGIN praise; the ones in between are left out. Writes
        {"id", "text", "complaint", "source", "split"} lines and prints the counts. `split` is "dev" for odd-numbered
        reviews and tweets (look at their misses when improving the packs) and "test" for even ones (never look).
    real_posts.py vader POSTS.jsonl
        VADER on the same posts (compound <= -0.05 reads as a complaint, its own threshold for negative); prints one
        line per source in the format of `analysis-eval posts`.
"""
import argparse
import html
import io
import json
import sys
import tarfile
from collections import defaultdict

SETS = {"amazonReviewSnippets_GroundTruth.txt": "amazon-reviews", "tweets_GroundTruth.txt": "tweets"}


def inner_archive(sdist):
    with tarfile.open(sdist) as outer:
        member = next(m for m in outer.getmembers() if m.name.endswith("additional_resources/hutto_ICWSM_2014.tar.gz"))
        return tarfile.open(fileobj=io.BytesIO(outer.extractfile(member).read()))


def cmd_extract(args):
    counts = defaultdict(lambda: [0, 0])
    with inner_archive(args.sdist) as archive, open(args.out, "w", encoding="utf-8") as out:
        for member in archive.getmembers():
            source = SETS.get(member.name.rsplit("/", 1)[-1])
            if source is None:
                continue
            for line in archive.extractfile(member).read().decode("utf-8", "replace").splitlines():
                parts = line.split("\t")
                if len(parts) < 3:
                    continue
                rating = float(parts[1])
                if abs(rating) < args.margin:
                    continue
                complaint = rating < 0
                split = "dev" if int(parts[0].split("_")[0]) % 2 else "test"   # a review's sentences stay together
                counts[(source, split)][0 if complaint else 1] += 1
                text = html.unescape("\t".join(parts[2:])).strip()
                out.write(json.dumps({"id": f"{source}-{parts[0]}", "text": text, "complaint": complaint,
                                      "source": source, "split": split}, ensure_ascii=False) + "\n")
    for (source, split), (complaints, praise) in sorted(counts.items()):
        print(f"{source} {split}: {complaints} complaints, {praise} praise (|mean rating| >= {args.margin})")


def cmd_vader(args):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    vader = SentimentIntensityAnalyzer()
    tallies = defaultdict(lambda: {"tp": 0, "fn": 0, "fp": 0, "tn": 0})
    with open(args.posts, encoding="utf-8") as handle:
        for line in handle:
            post = json.loads(line)
            reads_complaint = vader.polarity_scores(post["text"])["compound"] <= -0.05
            key = ("tp" if reads_complaint else "fn") if post["complaint"] else ("fp" if reads_complaint else "tn")
            tallies[f'{post["source"]}/{post["split"]}'][key] += 1
    print("source complaints praise caught left_alone balanced_accuracy")
    for source, t in sorted(tallies.items()):
        complaints, praise = t["tp"] + t["fn"], t["fp"] + t["tn"]
        caught = t["tp"] / complaints if complaints else 0
        left_alone = t["tn"] / praise if praise else 1
        print(f"{source} {complaints} {praise} {caught:.2f} {left_alone:.2f} {(caught + left_alone) / 2:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract")
    extract.add_argument("sdist")
    extract.add_argument("out")
    extract.add_argument("--margin", type=float, default=1.0)
    vader = commands.add_parser("vader")
    vader.add_argument("posts")
    args = parser.parse_args()
    {"extract": cmd_extract, "vader": cmd_vader}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
