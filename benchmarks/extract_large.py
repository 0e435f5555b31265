"""Benchmark: ``extract`` on one very large article, and on adversarial text.

    python benchmarks/extract_large.py [--repeat N] [--mb SIZE]

Builds an article of about ``--mb`` megabytes (default 1) by concatenating readout-like
paragraphs made from templates written here (leaders, countries, dates, call triggers,
commitment cues, quotes; no corpus text), times ``relations.extract`` on its first 0.25, 0.5
and 1 of it (cut at a paragraph break), and prints seconds per size and the ratio of each time
to the smallest, so linear growth shows as ratios near 2 and 4. The target is under two
seconds for 1 MB. Then times a few adversarial strings (very long lines without spaces,
100k commas, 100k "Mr. ", "President of the President of ...", a 200k-word sentence).

Times are CPU seconds of this process (``time.process_time``), best of ``--repeat`` runs, with
the memo caches cleared before each run (``clear_memos``); building the gazetteer is not timed.
Run it on purpose; it is not a test.
"""

from __future__ import annotations

import argparse
import random
import time

LEADERS = [
    ("Chinese", "President", "Xi Jinping", "China"),
    ("Russian", "President", "Vladimir Putin", "Russia"),
    ("Belarusian", "President", "Alexander Lukashenko", "Belarus"),
    ("French", "President", "Emmanuel Macron", "France"),
    ("Turkish", "President", "Recep Tayyip Erdogan", "Turkey"),
    ("Indian", "Prime Minister", "Narendra Modi", "India"),
    ("Japanese", "Prime Minister", "Fumio Kishida", "Japan"),
    ("German", "Chancellor", "Olaf Scholz", "Germany"),
    ("Kazakh", "President", "Kassym-Jomart Tokayev", "Kazakhstan"),
    ("Brazilian", "President", "Luiz Inacio Lula da Silva", "Brazil"),
    ("Egyptian", "President", "Abdel Fattah al-Sisi", "Egypt"),
    ("Indonesian", "President", "Joko Widodo", "Indonesia"),
]
WHEN = ["on Tuesday", "on Monday", "last Friday", "yesterday", "today", "on Jan. 26", "on 3 March",
        "earlier this week", "on Thursday evening", "last week"]
FIELDS = ["trade", "energy", "education", "culture", "agriculture", "health", "science and technology",
          "infrastructure", "tourism", "digital economy", "green development", "security"]
AGENCIES = [("BEIJING", "Xinhua"), ("MOSCOW", "TASS"), ("ANKARA", "AA"), ("NEW DELHI", "PTI"), ("TOKYO", "Kyodo")]

TEMPLATES = [
    "{a_dem} {a_title} {a_name} {when} held a telephone conversation with {b_dem} {b_title} {b_name}, "
    "and the two sides agreed to expand cooperation in {f1} and {f2}.",
    "In their talks {when}, {a_name} said {a_country} is ready to work with {b_country} to deepen the "
    "comprehensive strategic partnership and boost cooperation in {f1}, {f2} and {f3}.",
    "\"We will continue to support each other on issues of core interest,\" {a_name} told {b_name}, adding that "
    "{a_country} firmly opposes any external interference in the internal affairs of {b_country}.",
    "{b_name} thanked {a_country} for its support, said {b_country} stands with {a_country} and urged both sides "
    "to make solid progress on joint projects in {f1}.",
    "{a_title} {a_name} met {b_dem} Foreign Minister Mr. Ivanov in the capital {when}; the two discussed "
    "{f1}, regional security and the situation in the Middle East.",
    "The leaders spoke by phone {when} at the request of the {b_dem} side. {a_name} called on the international "
    "community to respect the U.S. commitments and the decisions of the U.N. Security Council.",
    "{a_city}, {month} {day} ({agency}) -- {a_dem} {a_title} {a_name} will visit {b_country} next week, the "
    "foreign ministry said. The two sides are expected to sign agreements on {f1} and {f2}.",
    "Noting that trade rose 12.5 percent to 37.4 billion U.S. dollars, {b_name} said {b_country} hopes to "
    "import more {f1} products and welcomed {a_country}'s continued investment in {f2}.",
    "{a_name} and {b_name} exchanged views on {f1}, {f2} and international issues of common concern, and "
    "reaffirmed their commitment to the Belt and Road Initiative and to the China-Belarus industrial park.",
    "- the sides should strengthen exchanges in {f1};\n- {a_country} pledged to provide assistance within its "
    "capacity to {b_country};\n- both sides decided to set up a working group on {f2}.",
]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def paragraph(rng: random.Random) -> str:
    a, b = rng.sample(LEADERS, 2)
    f1, f2, f3 = rng.sample(FIELDS, 3)
    city, agency = rng.choice(AGENCIES)
    return rng.choice(TEMPLATES).format(
        a_dem=a[0], a_title=a[1], a_name=a[2], a_country=a[3], b_dem=b[0], b_title=b[1], b_name=b[2],
        b_country=b[3], when=rng.choice(WHEN), f1=f1, f2=f2, f3=f3, a_city=city, agency=agency,
        month=rng.choice(MONTHS), day=rng.randint(1, 28),
    )


def build(size_bytes: int, seed: int = 7) -> str:
    """Readout-like paragraphs up to ``size_bytes`` (UTF-8), hard-wrapped now and then."""
    rng = random.Random(seed)
    parts: list[str] = ["BEIJING, Jan. 26 (Xinhua) -- " + paragraph(rng)]
    total = len(parts[0])
    while total < size_bytes:
        p = paragraph(rng)
        if rng.random() < 0.2:  # some paragraphs arrive hard-wrapped
            words, lines, line = p.split(" "), [], ""
            for w in words:
                if len(line) + len(w) > 72:
                    lines.append(line)
                    line = w
                else:
                    line = f"{line} {w}" if line else w
            p = "\n".join([*lines, line])
        parts.append(p)
        total += len(p.encode("utf-8")) + 2
    return "\n\n".join(parts)


def prefix(text: str, size_bytes: int) -> str:
    """The text up to the last paragraph break before ``size_bytes``."""
    cut = text.rfind("\n\n", 0, size_bytes)
    return text[:cut if cut > 0 else size_bytes]


def timed(fn, repeat: int) -> tuple[float, object]:
    from relations.extraction import clear_memos

    best, result = float("inf"), None
    for _ in range(repeat):
        clear_memos()
        t0 = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t0)
    return best, result


def adversarial() -> dict[str, str]:
    return {
        "1 MB line without spaces": "x" * 1_000_000,
        "1 MB of letters and hyphens": ("anti-" * 200_000),
        "100k commas": "," * 100_000,
        "100k commas between words": "China, " * 100_000,
        '100k "Mr. "': "Mr. " * 100_000,
        '200k "Mr. "': "Mr. " * 200_000,
        '"President of the President of ..." x 5k': "President of the " * 5_000 + "Republic.",
        '"President of the President of ..." x 10k': "President of the " * 10_000 + "Republic.",
        '"President of the President of ..." x 20k': "President of the " * 20_000 + "Republic.",
        "200k-word single sentence": " ".join(["cooperation"] * 100_000 + ["and", "trade"] * 50_000) + ".",
        "200k words of names and triggers, one sentence": " ".join(
            ["President Xi Jinping met Vladimir Putin and"] * 28_000) + " talks.",
        "100k open brackets and quotes": '(["' * 33_000,
        "100k asterisks and underscores": "*_" * 50_000,
        '50k "<a "': "<a " * 50_000,
        "100k dates": "on Tuesday, Jan. 26, " * 5_000,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--mb", type=float, default=1.0, help="size of the largest article in MB (default 1)")
    a = ap.parse_args()

    from relations.extraction import extract

    extract("warm-up", published="2021-01-01")  # builds the gazetteer once, not timed
    full = build(int(a.mb * 1_000_000))
    print(f"readout-like article: {len(full.encode('utf-8')) / 1e6:.2f} MB, "
          f"{full.count(chr(10) + chr(10)) + 1} paragraphs (CPU seconds, best of {a.repeat})")
    base = None
    for share in (0.25, 0.5, 1.0):
        text = prefix(full, int(share * len(full))) if share < 1 else full
        mb = len(text.encode("utf-8")) / 1e6
        secs, facts = timed(lambda text=text: extract(text, published="2021-01-27", source="Xinhua"), a.repeat)
        base = base or secs / mb
        print(f"  {mb:5.2f} MB  {secs:7.3f} s  {secs / mb:6.3f} s/MB  x{secs / mb / base:4.2f} per MB vs 0.25 MB  "
              f"({len(facts.calls)} calls, {len(facts.commitments)} commitments, {len(facts.partnerships)} partnerships)")
    verdict = "meets" if secs / mb <= 2.0 else "misses"
    print(f"  target: under 2 s per MB: {verdict} it at {mb:.2f} MB ({secs / mb:.2f} s/MB)")

    print("adversarial inputs:")
    for name, text in adversarial().items():
        secs, facts = timed(lambda text=text: extract(text, published="2021-01-27"), 1)
        warn = " WARNINGS: " + "; ".join(facts.warnings) if getattr(facts, "warnings", ()) else ""
        print(f"  {name:50s} {len(text) / 1e6:5.2f} M chars  {secs:7.3f} s{warn}")


if __name__ == "__main__":
    main()
