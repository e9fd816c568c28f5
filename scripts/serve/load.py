#!/usr/bin/env python3
"""Load on a running `corroborate serve` over loopback: N readers and M writers for S seconds.

Readers cycle through the read routes (story list, a dossier, the document list, a document,
the page and its script); writers POST small distinct reports with the token. Every request
loop stops by itself at the deadline. At the end every write that was answered 201 must be in
/api/documents (no lost write). Prints errors and latency percentiles per kind; exits 1 on any
error or lost write.

usage: load.py BASE_URL TOKEN [--readers 50] [--writers 2] [--seconds 60]
"""
import argparse, http.client, json, sys, threading, time, urllib.parse

ap = argparse.ArgumentParser()
ap.add_argument("base")
ap.add_argument("token")
ap.add_argument("--readers", type=int, default=50)
ap.add_argument("--writers", type=int, default=2)
ap.add_argument("--seconds", type=float, default=60)
a = ap.parse_args()
u = urllib.parse.urlsplit(a.base)
assert u.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"

def conn():
    return http.client.HTTPConnection(u.hostname, u.port, timeout=120)

def request(c, method, path, body=None, headers=None):
    t = time.perf_counter()
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    return r.status, data, time.perf_counter() - t

c = conn()
_, body, _ = request(c, "GET", "/api/stories")
stories = [s["id"] for s in json.loads(body)["stories"]]
_, body, _ = request(c, "GET", "/api/documents")
docs = [d["id"] for d in json.loads(body)["documents"]]
assert stories and docs, "the store is empty: ingest the sample first"
paths = ["/api/stories", f"/api/stories/{stories[0]}", "/api/documents", f"/api/documents/{docs[0]}",
         "/", "/assets/app.js", f"/api/stories/{stories[0]}/export?format=csv-claims"]

deadline = time.monotonic() + a.seconds
lock = threading.Lock()
lat = {"read": [], "write": []}
errors = []
written = []

def reader(i):
    c = conn()
    n = i
    while time.monotonic() < deadline:
        p = paths[n % len(paths)]
        n += 1
        try:
            status, _, dt = request(c, "GET", p)
        except Exception as e:  # a dropped connection is an error too
            with lock:
                errors.append(f"GET {p}: {e}")
            c = conn()
            continue
        with lock:
            lat["read"].append(dt)
            if status != 200:
                errors.append(f"GET {p}: {status}")

def writer(i):
    c = conn()
    n = 0
    while time.monotonic() < deadline:
        n += 1
        text = (f"Writer {i} report {n}: officials in the town of Testville said {n * 7 + i} "
                f"volunteers cleared {n + 3} streets on Saturday, the mayor told reporters.")
        hdr = {"Authorization": f"Bearer {a.token}", "Content-Type": "text/plain"}
        try:
            status, body, dt = request(c, "POST", f"/api/documents?source=load-{i}-{n}.txt", text.encode(), hdr)
        except Exception as e:
            with lock:
                errors.append(f"POST: {e}")
            c = conn()
            continue
        with lock:
            lat["write"].append(dt)
            if status == 201:
                written.extend(d["id"] for d in json.loads(body)["documents"])
            else:
                errors.append(f"POST: {status} {body[:200]!r}")

threads = [threading.Thread(target=reader, args=(i,)) for i in range(a.readers)]
threads += [threading.Thread(target=writer, args=(i,)) for i in range(a.writers)]
t0 = time.monotonic()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - t0

_, body, _ = request(conn(), "GET", "/api/documents")
stored = {d["id"] for d in json.loads(body)["documents"]}
lost = [w for w in written if w not in stored]

def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000 if xs else float("nan")

print(f"{a.readers} readers, {a.writers} writers, {elapsed:.1f} s on {u.hostname}")
for k, xs in lat.items():
    print(f"{k:5}: {len(xs):7} requests ({len(xs) / elapsed:7.1f}/s)  p50 {pct(xs, .5):7.1f} ms  "
          f"p95 {pct(xs, .95):7.1f} ms  p99 {pct(xs, .99):7.1f} ms  max {pct(xs, 1):7.1f} ms")
print(f"errors: {len(errors)}; writes stored: {len(written)}; lost writes: {len(lost)}")
for e in errors[:10]:
    print("  " + e)
sys.exit(1 if errors or lost else 0)
