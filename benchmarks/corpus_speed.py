"""How long a cold start takes to load, segment, clean and tokenise the whole corpus.

Run ``python benchmarks/corpus_speed.py [--repeat 5]``. Each measurement runs in a
fresh Python process (nothing cached, nothing imported), several times; the
script prints the medians. It compares

* the course pipeline: import pandas and partycorpus, then for every text read
  the file, read its segments, clean it (Carr: page layout, repairs, split
  words, with wordfreq's word list) and tokenise its body;
* a bare baseline: read every received file and ``re.findall(r"\\w+", text)``.

It prints figures only; it asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PIPELINE = """
import json, time
t0 = time.perf_counter()
import pandas
t1 = time.perf_counter()
import partycorpus as pc
t2 = time.perf_counter()
count = 0
for text_id in pc.text_ids():
    pc.segments(text_id)
    count += len(pc.tokens(text_id))
t3 = time.perf_counter()
print(json.dumps({"pandas": t1 - t0, "package": t2 - t1, "work": t3 - t2, "tokens": count}))
"""

BASELINE = """
import json, time
t0 = time.perf_counter()
import re
from pathlib import Path
count = 0
for path in sorted(Path({folder!r}).glob("*.txt")):
    count += len(re.findall(r"\\w+", path.read_text(encoding="utf-8")))
t1 = time.perf_counter()
print(json.dumps({{"work": t1 - t0, "tokens": count}}))
"""

WORDFREQ = """
import json, time
t0 = time.perf_counter()
import wordfreq
wordfreq.zipf_frequency("government", "en")
t1 = time.perf_counter()
from partycorpus.cleaning import lexicon
t2 = time.perf_counter()
lexicon.is_word("government", 2.0)
t3 = time.perf_counter()
print(json.dumps({"wordfreq_api": t1 - t0, "direct_list": t3 - t2}))
"""
# direct_list: the course's lexicon (wordfreq's public get_frequency_list, read once, then sets by Zipf threshold).


def _child(code: str) -> tuple[dict, float]:
    """Run ``code`` in a fresh interpreter; return what it printed and the wall time."""
    import time

    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout), time.perf_counter() - start


def measure(repeat: int) -> dict:
    """Return the median of each figure over ``repeat`` fresh processes."""
    folder = ROOT / "source_texts"
    runs = {"pipeline": [], "baseline": [], "wordfreq": []}
    for _ in range(repeat):
        runs["pipeline"].append(_child(PIPELINE))
        runs["baseline"].append(_child(BASELINE.format(folder=str(folder))))
        runs["wordfreq"].append(_child(WORDFREQ))
    median = statistics.median
    pipeline = {key: median(r[0][key] for r in runs["pipeline"]) for key in ("pandas", "package", "work")}
    pipeline["process"] = median(r[1] for r in runs["pipeline"])
    pipeline["tokens"] = runs["pipeline"][0][0]["tokens"]
    baseline = {"work": median(r[0]["work"] for r in runs["baseline"]),
                "process": median(r[1] for r in runs["baseline"]),
                "tokens": runs["baseline"][0][0]["tokens"]}
    lexicon = {key: median(r[0][key] for r in runs["wordfreq"]) for key in ("wordfreq_api", "direct_list")}
    return {"pipeline": pipeline, "baseline": baseline, "lexicon": lexicon, "repeat": repeat}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per measurement (median)")
    args = parser.parse_args(argv)
    figures = measure(args.repeat)
    p, b, w = figures["pipeline"], figures["baseline"], figures["lexicon"]
    cold = p["pandas"] + p["package"] + p["work"]
    print(f"Median of {figures['repeat']} fresh processes each (seconds).")
    print()
    print("Course pipeline: load + segment + clean + tokenise the body of all five texts")
    print(f"  import pandas                         {p['pandas']:.3f}")
    print(f"  import partycorpus (pandas excluded)  {p['package']:.3f}")
    print(f"  load + segment + clean + tokenise     {p['work']:.3f}")
    print(f"  cold start, imports included          {cold:.3f}")
    print(f"  cold start without importing pandas   {p['package'] + p['work']:.3f}")
    print(f"  whole process (interpreter start too) {p['process']:.3f}")
    print(f"  body tokens                           {p['tokens']}")
    print()
    print(r"Bare baseline: read the five files + re.findall(r'\w+')")
    print(f"  read + tokenise                       {b['work']:.4f}")
    print(f"  whole process                         {b['process']:.3f}")
    print(f"  tokens (raw files)                    {b['tokens']}")
    print()
    print("Ratios to the bare baseline")
    print(f"  load + segment + clean + tokenise     {p['work'] / b['work']:.0f} x")
    print(f"  cold start, imports included          {cold / b['work']:.0f} x")
    print(f"  whole processes                       {p['process'] / b['process']:.1f} x")
    print()
    print("English word list")
    print(f"  import wordfreq + first zipf_frequency {w['wordfreq_api']:.3f}")
    print(f"  lexicon.py: the list read once, sets   {w['direct_list']:.3f}")


if __name__ == "__main__":
    main()
