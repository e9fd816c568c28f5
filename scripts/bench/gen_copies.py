#!/usr/bin/env python3
"""Writes N lightly edited copies of the text articles in SRC_DIR into OUT_DIR (issue 16's
"3,000 copies" case: syndication at scale).

Each copy takes one source article in turn and edits it the way republishers do: its own outlet
line under the headline, sometimes a changed headline, a dropped or repeated closing paragraph,
a "Related" or "Share this" line of page clutter, and one or two word substitutions in the
body. Deterministic (fixed seed); the output is not committed.

    python3 scripts/bench/gen_copies.py examples/syria-2024-12 3000 /tmp/copies
"""
import os
import random
import sys

OUTLETS = [f"Desk {i}" for i in range(1, 201)]
CLUTTER = ["Share this:", "Related Articles", "Advertisement", "Read more", "Sign up for our newsletter"]
SWAPS = [("said", "stated"), ("after", "following"), ("also", "as well"), ("about", "around"),
         ("people", "persons"), ("city", "town")]


def edit(text, rng, i):
    sep = "\n\n" if text.count("\n\n") > 2 else "\n"
    paras = [p for p in text.split(sep) if p.strip()]
    title, body = paras[0], paras[1:]
    if rng.random() < 0.3:
        title = title + " | " + rng.choice(OUTLETS)
    body = [f"By {rng.choice(OUTLETS)} staff"] + body
    if len(body) > 4 and rng.random() < 0.3:
        body = body[:-1]
    if rng.random() < 0.2:
        body.append(body[-1])
    for _ in range(rng.randint(1, 2)):
        k = rng.randrange(1, len(body))
        a, b = rng.choice(SWAPS)
        body[k] = body[k].replace(f" {a} ", f" {b} ", 1)
    if rng.random() < 0.5:
        body.insert(rng.randrange(1, len(body)), rng.choice(CLUTTER))
    return sep.join([title] + body) + f"{sep}Copy {i}.\n"


def main():
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    names = sorted(f for f in os.listdir(src) if f.endswith(".txt"))
    texts = [open(os.path.join(src, f), encoding="utf-8").read() for f in names]
    rng = random.Random(31)
    for i in range(n):
        k = i % len(texts)
        with open(os.path.join(out, f"copy{i:05}_{k}.txt"), "w", encoding="utf-8") as f:
            f.write(edit(texts[k], rng, i))


if __name__ == "__main__":
    main()
