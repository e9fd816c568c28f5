#!/usr/bin/env python3
"""Writes each ECB+ document as a plain-text file (one sentence per line, tokens detokenized
simply), for timing `corroborate analyze` over the whole corpus: 982 documents, 43 topics.
Usage: scripts/bench/ecbplus_text.py [ECBPLUS_DIR] OUT_DIR. The text belongs to its publishers:
write it outside the repository (for example under /tmp) and never commit it."""
import pathlib, re, sys, xml.etree.ElementTree as ET

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 2 else "../shared/benchmarks/ecbplus")
out = pathlib.Path(sys.argv[-1])
root = src / "ECB+_LREC2014" / "ECB+"
n = 0
for f in sorted(root.glob("*/*.xml")):
    sents = {}
    for t in ET.parse(f).getroot().iter("token"):
        sents.setdefault(int(t.get("sentence")), []).append(t.text or "")
    lines = []
    for k in sorted(sents):
        s = " ".join(sents[k])
        s = re.sub(r" ([,.;:!?%)\]'])", r"\1", s)
        s = re.sub(r"([(\[$]) ", r"\1", s)
        s = s.replace(" n't", "n't").replace(" 's", "'s")
        lines.append(s)
    d = out / f.parent.name
    d.mkdir(parents=True, exist_ok=True)
    (d / (f.stem + ".txt")).write_text("\n\n".join(lines) + "\n")
    n += 1
print(f"{n} documents written under {out}", file=sys.stderr)
