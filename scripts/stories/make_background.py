#!/usr/bin/env python3
"""Convert wordfreq's English word list into data/background/en.tsv.gz.

Usage: make_background.py WORDFREQ_WHEEL OUT.tsv.gz [MIN_CB]

The wheel's `wordfreq/data/large_en.msgpack.gz` is a "cBpack": a msgpack array whose first
element is a header map and whose element i+1 lists the words with frequency 10^(-i/100)
(i centibels below 1). We keep words down to MIN_CB (default -750, i.e. 10^-7.5) and write
`word<TAB>centibels` lines, most frequent first, words sorted within a bin. The output is
byte-for-byte reproducible (no time stamp in the gzip header).

A small msgpack reader is included so the conversion needs nothing beyond the standard library.
"""
import gzip
import io
import struct
import sys
import zipfile


def unpack(buf, i=0):
    b = buf[i]
    i += 1
    if b <= 0x7F:
        return b, i
    if 0x80 <= b <= 0x8F:
        return _map(buf, i, b & 0x0F)
    if 0x90 <= b <= 0x9F:
        return _arr(buf, i, b & 0x0F)
    if 0xA0 <= b <= 0xBF:
        n = b & 0x1F
        return buf[i : i + n].decode("utf-8"), i + n
    if b == 0xC0:
        return None, i
    if b == 0xC2:
        return False, i
    if b == 0xC3:
        return True, i
    if b in (0xD9, 0xDA, 0xDB):
        w = {0xD9: 1, 0xDA: 2, 0xDB: 4}[b]
        n = int.from_bytes(buf[i : i + w], "big")
        i += w
        return buf[i : i + n].decode("utf-8"), i + n
    if b in (0xCC, 0xCD, 0xCE, 0xCF):
        w = {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}[b]
        return int.from_bytes(buf[i : i + w], "big"), i + w
    if b in (0xD0, 0xD1, 0xD2, 0xD3):
        w = {0xD0: 1, 0xD1: 2, 0xD2: 4, 0xD3: 8}[b]
        return int.from_bytes(buf[i : i + w], "big", signed=True), i + w
    if b == 0xCB:
        return struct.unpack(">d", buf[i : i + 8])[0], i + 8
    if b in (0xDC, 0xDD):
        w = 2 if b == 0xDC else 4
        n = int.from_bytes(buf[i : i + w], "big")
        return _arr(buf, i + w, n)
    if b in (0xDE, 0xDF):
        w = 2 if b == 0xDE else 4
        n = int.from_bytes(buf[i : i + w], "big")
        return _map(buf, i + w, n)
    if b >= 0xE0:
        return b - 0x100, i
    raise ValueError(f"msgpack type 0x{b:02x} not supported")


def _arr(buf, i, n):
    out = []
    for _ in range(n):
        v, i = unpack(buf, i)
        out.append(v)
    return out, i


def _map(buf, i, n):
    out = {}
    for _ in range(n):
        k, i = unpack(buf, i)
        v, i = unpack(buf, i)
        out[k] = v
    return out, i


def main():
    wheel, out = sys.argv[1], sys.argv[2]
    min_cb = int(sys.argv[3]) if len(sys.argv) > 3 else -750
    with zipfile.ZipFile(wheel) as z:
        raw = gzip.decompress(z.read("wordfreq/data/large_en.msgpack.gz"))
    pack, _ = unpack(raw)
    header, bins = pack[0], pack[1:]
    assert header.get("format") == "cB", header
    lines = []
    for i, words in enumerate(bins):
        cb = -i
        if cb < min_cb:
            break
        for w in sorted(words):
            if "\t" in w or "\n" in w:
                continue
            lines.append(f"{w}\t{cb}\n")
    data = "".join(lines).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as g:
        g.write(data)
    with open(out, "wb") as f:
        f.write(buf.getvalue())
    print(f"{len(lines)} words down to {min_cb} cB -> {out} ({len(buf.getvalue())} bytes)")


if __name__ == "__main__":
    main()
