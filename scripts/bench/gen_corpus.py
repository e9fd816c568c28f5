#!/usr/bin/env python3
# Generates a plain-text news corpus for the ingest benchmark from the benchmark folders' texts
# (PolNeAR articles and detokenized ECB+ documents), repeated with a unique first line to N files.
# The output stays under bench-out/ (gitignored): benchmark text is never committed.
import glob, os, re, sys, xml.etree.ElementTree as ET

def ecb_texts(root):
    for path in sorted(glob.glob(os.path.join(root, "ecbplus/ECB+_LREC2014/ECB+/*/*.xml"))):
        sents = {}
        for tok in ET.parse(path).getroot().iter("token"):
            sents.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
        paras = []
        for _, toks in sorted(sents.items()):
            s = " ".join(toks)
            s = re.sub(r" ([,.;:!?')\]])", r"\1", s)
            s = re.sub(r"([(\[]) ", r"\1", s)
            paras.append(s)
        yield "\n\n".join(paras)

def polnear_texts(root):
    for path in sorted(glob.glob(os.path.join(root, "polnear/data/*/text/*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            yield f.read()

def main():
    bench_root, out_dir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    base = [t for t in list(polnear_texts(bench_root)) + list(ecb_texts(bench_root)) if t.strip()]
    os.makedirs(out_dir, exist_ok=True)
    total = 0
    for i in range(n):
        t = base[i % len(base)]
        body = f"Dispatch {i}: {t.strip().splitlines()[0][:80]}\n\n{t}"
        sub = os.path.join(out_dir, f"{i // 1000:04d}")
        if i % 1000 == 0:
            os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{i:07d}.txt"), "w", encoding="utf-8") as f:
            f.write(body)
        total += len(body.encode("utf-8"))
    print(f"{n} documents from {len(base)} base texts, {total / 1e6:.1f} MB in {out_dir}")

if __name__ == "__main__":
    main()
