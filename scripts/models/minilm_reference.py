#!/usr/bin/env python3
# Reference all-MiniLM-L6-v2 embeddings computed without candle or the tokenizers library: a
# hand-written BERT WordPiece tokenizer and the BERT forward pass in numpy, read straight from
# the model files fetch-minilm.sh extracts. Its output is pasted into
# crates/embed/tests/minilm.rs (the first 8 dimensions of each vector).
#
# Usage: python3 scripts/models/minilm_reference.py [MODEL_DIR] ["sentence" ...]
# Needs only numpy. Handles the ASCII sentences used by the tests (the accent stripping and
# CJK spacing of the full BERT normalizer are left out on purpose).
import json
import math
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(
    os.environ.get("CORROBORATE_MODELS") or os.path.join(HERE, "..", "..", ".cache", "models"),
    "all-MiniLM-L6-v2",
)
SENTENCES = [
    "Assad fled to Moscow.",
    "Bashar al-Assad escaped to Russia.",
    "The weather in Paris is mild.",
]


def load_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue
        start, end = meta["data_offsets"]
        out[name] = np.frombuffer(data[start:end], dtype="<f4").reshape(meta["shape"]).astype(np.float64)
    return out


def is_punct(ch):
    o = ord(ch)
    if 33 <= o <= 47 or 58 <= o <= 64 or 91 <= o <= 96 or 123 <= o <= 126:
        return True
    import unicodedata

    return unicodedata.category(ch).startswith("P")


def tokenize(text, vocab, max_tokens=256):
    words, cur = [], ""
    for ch in text.lower():
        if ch.isspace():
            if cur:
                words.append(cur)
            cur = ""
        elif is_punct(ch):
            if cur:
                words.append(cur)
            words.append(ch)
            cur = ""
        else:
            cur += ch
    if cur:
        words.append(cur)
    ids = [vocab["[CLS]"]]
    for w in words:
        start, pieces = 0, []
        while start < len(w):
            end = len(w)
            while end > start:
                piece = w[start:end] if start == 0 else "##" + w[start:end]
                if piece in vocab:
                    pieces.append(vocab[piece])
                    break
                end -= 1
            if end == start:
                pieces = [vocab["[UNK]"]]
                break
            start = end
        ids.extend(pieces)
    ids = ids[: max_tokens - 1]
    ids.append(vocab["[SEP]"])
    return ids


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def linear(x, W, prefix):
    return x @ W[prefix + ".weight"].T + W[prefix + ".bias"]


erf = np.vectorize(math.erf)


def embed(ids, W, cfg):
    eps, heads = cfg["layer_norm_eps"], cfg["num_attention_heads"]
    t = len(ids)
    x = W["embeddings.word_embeddings.weight"][ids]
    x = x + W["embeddings.position_embeddings.weight"][:t] + W["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, W["embeddings.LayerNorm.weight"], W["embeddings.LayerNorm.bias"], eps)
    d = x.shape[1] // heads
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        q, k, v = (linear(x, W, p + "attention.self." + n).reshape(t, heads, d).transpose(1, 0, 2) for n in ("query", "key", "value"))
        s = q @ k.transpose(0, 2, 1) / math.sqrt(d)
        s = np.exp(s - s.max(-1, keepdims=True))
        s = s / s.sum(-1, keepdims=True)
        ctx = (s @ v).transpose(1, 0, 2).reshape(t, heads * d)
        a = linear(ctx, W, p + "attention.output.dense")
        x = layer_norm(a + x, W[p + "attention.output.LayerNorm.weight"], W[p + "attention.output.LayerNorm.bias"], eps)
        h = linear(x, W, p + "intermediate.dense")
        h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))
        o = linear(h, W, p + "output.dense")
        x = layer_norm(o + x, W[p + "output.LayerNorm.weight"], W[p + "output.LayerNorm.bias"], eps)
    pooled = x.mean(0)
    return pooled / max(np.linalg.norm(pooled), 1e-12)


def main():
    args = sys.argv[1:]
    model_dir = args.pop(0) if args and os.path.isdir(args[0]) else DEFAULT_DIR
    sentences = args or SENTENCES
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    vocab = json.load(open(os.path.join(model_dir, "tokenizer.json")))["model"]["vocab"]
    W = load_safetensors(os.path.join(model_dir, "model.safetensors"))
    vecs = []
    for s in sentences:
        ids = tokenize(s, vocab)
        v = embed(ids, W, cfg)
        vecs.append(v)
        print(f"// {s!r} tokens {ids}")
        print(f'("{s}", [{", ".join(f"{x:.6f}" for x in v[:8])}]),')
    for i in range(len(vecs)):
        for j in range(i + 1, len(vecs)):
            print(f"// cos({i},{j}) = {float(vecs[i] @ vecs[j]):.6f}")


if __name__ == "__main__":
    main()
