"""Runs the peer extractors on the Dragnet pages of one split and writes one JSONL per system.

Usage: peers.py DRAGNET_DIR SPLIT OUT_DIR

Systems: trafilatura with its defaults, with include_comments=False, and with
include_comments=False + favor_precision=True; readability-lxml Document(html).summary() turned
into text by html_text. Each is given the raw page bytes (decompressed before the clock starts)
and timed on the extraction call alone, one process, one page after another.
"""
import gzip
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import logging

logging.disable(logging.CRITICAL)


def split_ids(d, split):
    gold = json.load(open(os.path.join(d, "ground-truth.json")))
    ids = sorted(
        f[: -len(".html.gz")]
        for f in os.listdir(os.path.join(d, "html"))
        if f.endswith(".html.gz")
    )
    ids = [i for i in ids if i in gold]
    out = []
    for n, i in enumerate(ids):
        test = (n // 50) % 4 == 3
        if split == "all" or (split == "test") == test:
            out.append(i)
    return out


def main():
    d, split, out_dir = sys.argv[1:4]
    import trafilatura
    import html_text
    from readability import Document

    pages = []
    for i in split_ids(d, split):
        with gzip.open(os.path.join(d, "html", i + ".html.gz"), "rb") as f:
            pages.append((i, f.read()))

    def readability(html):
        return html_text.extract_text(Document(html).summary(html_partial=True))

    systems = {
        "trafilatura-default": lambda h: trafilatura.extract(h),
        "trafilatura-no-comments": lambda h: trafilatura.extract(h, include_comments=False),
        "trafilatura-precision": lambda h: trafilatura.extract(
            h, include_comments=False, favor_precision=True
        ),
        "readability-lxml": readability,
    }
    only = os.environ.get("PEERS")
    for name, fn in systems.items():
        if only and name not in only.split(","):
            continue
        total = 0.0
        with open(os.path.join(out_dir, name + ".jsonl"), "w") as w:
            for i, html in pages:
                t = time.perf_counter()
                try:
                    text = fn(html) or ""
                except Exception as e:  # a peer's crash on one page is an empty output
                    print(f"{name}: {i}: {e}", file=sys.stderr)
                    text = ""
                dt = time.perf_counter() - t
                total += dt
                w.write(json.dumps({"id": i, "text": text, "seconds": dt}) + "\n")
        print(
            f"{name}: {len(pages)} pages in {total:.2f} s, {len(pages) / total:.1f} pages/s",
            file=sys.stderr,
        )


main()
