#!/usr/bin/env python3
"""Writes an RSS 2.0 feed of N items (default 100,000, about 127 MB) to stdout or a file.

Each item has a distinct title, link, date and a ~1.2 KB HTML description made of varied
sentences, so documents are not copies of each other. Deterministic (fixed seed). Used to
measure streaming feed ingest (issue 17); the output is not committed.

    python3 scripts/hostile/gen_feed.py 100000 > /tmp/feed100k.xml
"""
import random
import sys

WORDS = ("government rebels city council minister army offensive talks ceasefire border "
         "report officials said statement capital province airport convoy aid agency "
         "election court parliament protest police river bridge harbour factory strike "
         "market prices villagers refugees hospital school road railway").split()
NAMES = ("Amina Haddad|Boris Kovac|Chen Wei|Dara Okafor|Elena Petrova|Farid Nasser|"
         "Grace Mensah|Hugo Lindqvist|Ines Moreau|Jamal Yusuf").split("|")
PLACES = "Aleppo|Homs|Lviv|Kherson|Mosul|Goma|Tigray|Rakhine|Darfur|Idlib".split("|")


def sentence(rng):
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return (f"{rng.choice(NAMES)} said in {rng.choice(PLACES)} on Monday that the "
            + " ".join(words) + f" had {rng.randint(2, 900)} people.")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    out = open(sys.argv[2], "w") if len(sys.argv) > 2 else sys.stdout
    rng = random.Random(17)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
              "<title>Generated Desk</title><link>https://example.org/</link>\n")
    for i in range(n):
        paras = "".join(
            "&lt;p&gt;" + " ".join(sentence(rng) for _ in range(3)) + "&lt;/p&gt;"
            for _ in range(3))
        day = 1 + i % 28
        out.write(f"<item><title>Report {i}: {rng.choice(PLACES)} {rng.choice(WORDS)}</title>"
                  f"<link>https://example.org/{i}</link>"
                  f"<pubDate>Mon, {day:02d} Dec 2024 10:00:00 GMT</pubDate>"
                  f"<description>{paras}</description></item>\n")
    out.write("</channel></rss>\n")


if __name__ == "__main__":
    main()
