"""Benchmark: extraction speed beside spaCy's blank English pipeline with a sentencizer.

    python benchmarks/extract_speed.py [CORPUS.jsonl] [--repeat N] [--profile]

Reads the corpus (default: ../shared/eval/dev.jsonl) into memory, then times, on one core and
in one process, (a) ``relations.extract`` on every article and (b) ``spacy.blank("en")`` with
the ``sentencizer`` (``nlp.pipe``) on the same texts; each is run ``--repeat`` times after a
warm-up, alternating, and the best run of each is reported, so that load from other processes
affects both alike. spaCy is the floor any spaCy-based extractor cannot beat. Needs the
``bench`` extra (``pip install -e '.[bench]'``). Run it on purpose; it is not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev.jsonl"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="profile one extraction pass instead")
    a = ap.parse_args()
    records = load(a.corpus)
    texts = [r["text"] for r in records]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    from relations.extraction import extract

    def run_relations() -> None:
        for r in records:
            extract(r["text"], id=r.get("id"), published=r.get("published"), source=r.get("source"))

    extract("warm-up", published="2021-01-01")  # builds the gazetteer once
    if a.profile:
        import cProfile
        import pstats

        cProfile.runctx("run_relations()", globals(), locals(), "/tmp/relations-extract.prof")
        pstats.Stats("/tmp/relations-extract.prof").sort_stats("tottime").print_stats(25)
        return

    try:
        import spacy
    except ImportError:
        sys.exit("spaCy is not installed: pip install -e '.[bench]'")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def run_spacy() -> None:
        for doc in nlp.pipe(texts):
            for _ in doc.sents:
                pass

    run_spacy()  # warm-up
    run_relations()
    best = {"relations.extract": float("inf"), "spaCy blank('en') + sentencizer": float("inf")}
    for _ in range(a.repeat):
        for name, fn in (("relations.extract", run_relations), ("spaCy blank('en') + sentencizer", run_spacy)):
            t = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t)
    print(f"corpus: {a.corpus} ({len(texts)} articles, {mb:.1f} MB), best of {a.repeat}")
    for name, secs in best.items():
        print(f"  {name:34s} {len(texts) / secs:8.0f} articles/s  {mb / secs:6.2f} MB/s")
    ratio = best["spaCy blank('en') + sentencizer"] / best["relations.extract"]
    print(f"  relations / spaCy: {ratio:.2f}x")


if __name__ == "__main__":
    main()
