#!/usr/bin/env python3
# Word vectors for the network parser: all-MiniLM-L6-v2's static input embeddings projected to a few dimensions.
"""Usage: make_vectors.py MODEL_DIR DIMS OUT.tsv

MODEL_DIR is what scripts/models/fetch-minilm.sh prints. Every whole word of the WordPiece
vocabulary (no `##` piece, no special token; digits and punctuation kept) gets its row of the
input embedding table, mean-centred, projected onto the first DIMS principal components (an SVD
of the centred table, each component's sign fixed so its largest entry is positive) and scaled so
that the projected rows have unit root-mean-square length per dimension. Writes
`word<TAB>v1 v2 ...` lines (6 decimals) sorted by word: deterministic for a numpy build.
"""

import sys

import numpy as np

sys.path.insert(0, __file__.rsplit("/", 3)[0] + "/scripts/ner")
from make_clusters import embeddings  # noqa: E402


def main():
    model_dir, dims, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    table, vocab = embeddings(model_dir)
    words = sorted(
        (w, i)
        for w, i in vocab.items()
        if not w.startswith("##") and not (w.startswith("[") and w.endswith("]"))
    )
    x = table[[i for _, i in words]]
    x = x - x.mean(axis=0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    comp = vt[:dims]
    signs = np.sign(comp[np.arange(dims), np.abs(comp).argmax(axis=1)])
    comp = comp * signs[:, None]
    y = x @ comp.T
    y = y / np.sqrt((y**2).mean(axis=0))
    with open(out, "w") as f:
        for (w, _), row in zip(words, y):
            f.write(w + "\t" + " ".join(f"{v:.6f}" for v in row) + "\n")


if __name__ == "__main__":
    main()
