#!/usr/bin/env python3
"""Writes one HTML news article of about SIZE bytes (default 4 MB) to stdout or a file.

The text is unique throughout: every sentence names people, places and organizations made from
random syllables (so the number of distinct entities, and of alias candidates, grows with the
size, which is what once made alias matching quadratic), with numbers, dates and reported
speech, in paragraphs under one <article>. Deterministic (fixed seed). Used to measure that one
huge article costs time proportional to its size (issue 17); the output is not committed.

    python3 scripts/hostile/gen_article.py 4000000 > /tmp/article4m.html
"""
import random
import sys

SYL = "ka ri mo ta le su na vo de mi ro la be zu fa ne go hi pa to".split()
VERBS = ("said visited captured rejected announced signed criticised met praised "
         "evacuated reported denied confirmed opened closed").split()
NOUNS = ("ceasefire convoy budget bridge airport election hospital treaty offensive "
         "strike protest harbour factory railway court").split()
MONTHS = ("January February March April May June July August September October "
          "November December").split()


def word(rng, n):
    return "".join(rng.choice(SYL) for _ in range(n)).capitalize()


def sentence(rng):
    person = f"{word(rng, 2)} {word(rng, 3)}"
    place = word(rng, 3)
    org = f"{word(rng, 2)} {rng.choice(['Council', 'Front', 'Ministry', 'Agency'])}"
    return (f"{person} of the {org} {rng.choice(VERBS)} the {rng.choice(NOUNS)} in {place} "
            f"on {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1990, 2024)}, "
            f"when {rng.randint(2, 9000)} people were there, \u201cwe will "
            f"{rng.choice(VERBS)[:-1]} it,\u201d {person.split()[1]} told reporters.")


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 4_000_000
    out = open(sys.argv[2], "w", encoding="utf-8") if len(sys.argv) > 2 else sys.stdout
    rng = random.Random(29)
    head = ("<!doctype html><html><head><meta charset=\"utf-8\">"
            "<title>A very long report</title></head><body><article>"
            "<h1>A very long report</h1>\n")
    out.write(head)
    written = len(head)
    while written < size:
        para = "<p>" + " ".join(sentence(rng) for _ in range(4)) + "</p>\n"
        out.write(para)
        written += len(para.encode("utf-8"))
    out.write("</article></body></html>\n")


if __name__ == "__main__":
    main()
