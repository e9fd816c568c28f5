"""Scores extraction outputs against Dragnet's articleBody gold, as the benchmark's SOURCE.md
states: 4-shingles of \\w+ tokens (case kept), per-page P and R, P averaged over pages with
output, R over pages with gold, F1 from the two means; plus empty outputs, exact accuracy, mean
per-page F1, speed (pages/s from the per-page seconds) and the worst pages of the first system.

With `--versus PEER N`, also lists the N pages where PEER's per-page F1 beats the first
system's by most (and where the first system wins by most), to find what we lose and why.

Usage: score.py GROUND_TRUTH.json [--worst N] [--versus PEER N] NAME=OUT.jsonl ...
"""
import json
import re
import sys
from collections import Counter

TOKEN = re.compile(r"\w+")


def shingles(text, n=4):
    toks = TOKEN.findall(text or "")
    if not toks:
        return Counter(), toks
    if len(toks) < n:
        return Counter([tuple(toks)]), toks
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)), toks


def page_scores(pred, gold):
    ps, ptoks = shingles(pred)
    gs, gtoks = shingles(gold)
    tp = sum((ps & gs).values())
    fp = sum(ps.values()) - tp
    fn = sum(gs.values()) - tp
    if not ps and not gs:
        return 1.0, 1.0, True
    p = tp / (tp + fp) if ps else 0.0
    r = tp / (tp + fn) if gs else 1.0
    return p, r, ptoks == gtoks


def main():
    args = sys.argv[1:]
    gold = json.load(open(args.pop(0)))
    worst = 0
    versus, versus_n = None, 0
    while args and args[0] in ("--worst", "--versus"):
        if args[0] == "--worst":
            worst = int(args[1])
            args = args[2:]
        else:
            versus, versus_n = args[1], int(args[2])
            args = args[3:]
    page_f1 = {}
    print(f"{'system':26} {'pages':>5} {'F1':>6} {'P':>6} {'R':>6} {'pageF1':>6} {'acc':>5} {'empty':>5} {'pages/s':>8}")
    for k, spec in enumerate(args):
        name, path = spec.split("=", 1)
        rows = [json.loads(l) for l in open(path)]
        ps, rs, f1s, exact, empty, secs = [], [], [], 0, [], 0.0
        per_page = []
        for row in rows:
            g = gold[row["id"]]["articleBody"]
            text = row["text"] or ""
            secs += row.get("seconds", 0.0)
            p, r, ex = page_scores(text, g)
            has_out = bool(TOKEN.search(text))
            if has_out:
                ps.append(p)
            else:
                empty.append(row["id"])
            if TOKEN.search(g):
                rs.append(r)
            f = 2 * p * r / (p + r) if p + r else 0.0
            f1s.append(f)
            exact += ex
            per_page.append((f, p, r, row["id"]))
        page_f1[name] = {i: (f, p, r) for f, p, r, i in per_page}
        P = sum(ps) / len(ps) if ps else 0.0
        R = sum(rs) / len(rs) if rs else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        speed = len(rows) / secs if secs else float("nan")
        print(
            f"{name:26} {len(rows):5d} {F:6.3f} {P:6.3f} {R:6.3f} {sum(f1s) / len(f1s):6.3f} "
            f"{exact / len(rows):5.3f} {len(empty):5d} {speed:8.1f}"
        )
        if k == 0 and empty:
            print(f"  {name}: empty output on: {' '.join(empty)}")
        if k == 0 and worst:
            per_page.sort()
            print(f"  {name}: worst pages (F1 P R id):")
            for f, p, r, i in per_page[:worst]:
                print(f"    {f:.3f} {p:.3f} {r:.3f} {i}")
    if versus and versus in page_f1 and args:
        first = args[0].split("=", 1)[0]
        ours, peer = page_f1[first], page_f1[versus]
        gaps = sorted((peer[i][0] - ours[i][0], i) for i in ours if i in peer)
        for label, rows in (
            (f"{versus} beats {first} most on", gaps[::-1][:versus_n]),
            (f"{first} beats {versus} most on", gaps[:versus_n]),
        ):
            print(f"  {label} (gap, F1 P R {first}; F1 P R {versus}; id):")
            for gap, i in rows:
                o, q = ours[i], peer[i]
                print(
                    f"    {gap:+.3f}  {o[0]:.3f} {o[1]:.3f} {o[2]:.3f}; "
                    f"{q[0]:.3f} {q[1]:.3f} {q[2]:.3f}; {i}"
                )
        total = sum(g for g, _ in gaps)
        print(f"  sum of per-page gaps ({versus} − {first}): {total:+.2f} over {len(gaps)} pages")


main()
