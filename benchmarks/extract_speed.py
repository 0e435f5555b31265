"""Benchmark: extraction speed beside spaCy's blank English pipeline with a sentencizer.

    python benchmarks/extract_speed.py [CORPUS.jsonl] [--repeat N] [--profile]

Reads the corpus (default: ../shared/eval/dev.jsonl) into memory, then times, on one core and
in one process, (a) ``relations.extract`` on every article and (b) ``spacy.blank("en")`` with
the ``sentencizer`` (``nlp.pipe``) on the same texts, in CPU seconds of this process (so other
load on the machine counts less), ``--repeat`` times, alternating; the best run of each is
reported. spaCy is the floor any spaCy-based extractor cannot beat.

Two figures, because spaCy caches every word it has seen in its vocabulary:
  unseen text   each run starts from a fresh ``spacy.blank("en")`` and from relations' memo
                caches cleared (``clear_memos``): what a stream of new articles costs. This is
                the issue's floor ("about 800 articles/s on this machine").
  repeated text the same pipeline reads the same texts again (spaCy's vocabulary warm).
Setup (building either pipeline, the gazetteer) is not timed. Needs the ``bench`` extra
(``pip install -e '.[bench]'``). Run it on purpose; it is not a test.
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
    from corpus_arg import corpus_or_exit  # beside this script

    records = load(corpus_or_exit(a.corpus, DEFAULT, "extract_speed.py"))
    texts = [r["text"] for r in records]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    from relations.extraction import clear_memos, extract

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

    def fresh_nlp():
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp

    def run_spacy(nlp) -> None:
        for doc in nlp.pipe(texts):
            for _ in doc.sents:
                pass

    warm = fresh_nlp()
    run_spacy(warm)
    names = ("relations.extract", "spaCy blank('en') + sentencizer")
    best = {(mode, name): float("inf") for mode in ("unseen", "repeated") for name in names}
    for _ in range(a.repeat):
        nlp = fresh_nlp()
        clear_memos()
        best["unseen", names[0]] = min(best["unseen", names[0]], _cpu(run_relations))
        best["unseen", names[1]] = min(best["unseen", names[1]], _cpu(lambda: run_spacy(nlp)))
        best["repeated", names[0]] = min(best["repeated", names[0]], _cpu(run_relations))
        best["repeated", names[1]] = min(best["repeated", names[1]], _cpu(lambda: run_spacy(warm)))
    print(f"corpus: {a.corpus} ({len(texts)} articles, {mb:.1f} MB), best of {a.repeat}, CPU time, one core")
    for mode in ("unseen", "repeated"):
        print(f"{mode} text:")
        for name in names:
            secs = best[mode, name]
            print(f"  {name:34s} {len(texts) / secs:8.0f} articles/s  {mb / secs:6.2f} MB/s")
        print(f"  relations / spaCy: {best[mode, names[1]] / best[mode, names[0]]:.2f}x")


def _cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t

if __name__ == "__main__":
    main()
