#!/usr/bin/env python3
"""Writes decompression bombs for the bounded-reading tests of issue 17 (not committed):

    gen_warc_bomb.py warc OUT.warc.gz [GiB]  one WARC record (gzip member) whose HTML body is
                                             GiB of text (default 4): about 4 MB compressed
    gen_warc_bomb.py http OUT.warc [GiB]     a plain WARC whose HTTP response carries a gzip
                                             content-coded body inflating to GiB
"""
import gzip
import io
import sys
import zlib

CHUNK = b"<p>" + b"a" * (1 << 20) + b"</p>\n"


def gz_stream(total, head=b""):
    """gzip of `head` followed by `total` bytes of HTML paragraphs."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    yield c.compress(head)
    left = total
    while left > 0:
        piece = CHUNK[: min(left, len(CHUNK))]
        left -= len(piece)
        yield c.compress(piece)
    yield c.flush()


def main():
    kind, out = sys.argv[1], sys.argv[2]
    total = int(float(sys.argv[3]) * (1 << 30)) if len(sys.argv) > 3 else 4 << 30
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    with open(out, "wb") as f:
        if kind == "warc":
            body_len = len(http) + 2 + total
            head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/bomb\r\n"
                    b"Content-Length: %d\r\n\r\n" % body_len) + http + b"\r\n"
            for part in gz_stream(total, head):
                f.write(part)
        else:
            body = b"".join(gz_stream(total))
            block = http + b"Content-Encoding: gzip\r\n\r\n" + body
            f.write(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/bomb\r\n"
                    b"Content-Length: %d\r\n\r\n" % len(block) + block + b"\r\n\r\n")


if __name__ == "__main__":
    main()
