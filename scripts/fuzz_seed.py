#!/usr/bin/env python3
"""Seed each fuzz target's corpus from the repository's own fixtures.

fuzz/corpus/<target>/ gets: report JSON (reports), pack JSON (packs), every
string value of the fixture reports prefixed by a field-kind byte (parse),
uploads made by the CLI (upload), and narrative paragraphs (narrative)."""
import glob, hashlib, json, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = os.path.join(root, "fuzz", "corpus")
jixiao = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "release", "jixiao")


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)


reports = sorted(glob.glob(os.path.join(root, "tests/fixtures/reports/*.json")))
for path in reports:
    text = open(path, encoding="utf-8").read()
    put("report", text)
    for i, s in enumerate(sorted(set(strings(json.loads(text))))):
        if len(s) <= 120:
            put("parse", bytes([i % 9]) + s.encode())
    up = subprocess.run([jixiao, "upload", path], capture_output=True)
    if up.stdout:
        put("upload", up.stdout)
for path in glob.glob(os.path.join(root, "packs/*.json")) + glob.glob(
    os.path.join(root, "tests/fixtures/packs/*.json")
):
    put("pack", open(path, "rb").read())
for para in json.load(open(os.path.join(root, "tests/narrative/corpus.json"), encoding="utf-8")):
    put("narrative", para["text"])
# Structure-aware edits: size, seed, then (field hi, field lo, value) triples.
for i in range(64):
    seq = bytes([i, i * 7 % 256])
    for j in range(8):
        seq += bytes([(i * 31 + j * 17) % 256, (i * 13 + j * 101) % 256, (i + j * 5) % 28])
    put("edits", seq)
# Workbooks: jixiao's own exports of the fixture reports, and the small
# ones openpyxl writes for tests/xlsx.rs (a real zip each: the fuzzer
# mutates from there).
xdir = os.path.join(root, "target", "xlsx-seeds")
os.makedirs(xdir, exist_ok=True)
for path in reports:
    out = os.path.join(xdir, os.path.basename(path) + ".xlsx")
    subprocess.run([jixiao, "export", path, "-o", out], capture_output=True)
    if os.path.exists(out):
        put("xlsx", open(out, "rb").read())
subprocess.run([sys.executable, os.path.join(root, "tests/xlsx/make.py"), xdir], capture_output=True)
for path in glob.glob(os.path.join(xdir, "*.xlsx")):
    if os.path.getsize(path) <= 65536:
        put("xlsx", open(path, "rb").read())
for t in sorted(os.listdir(corpus)):
    print(f"corpus {t}: {len(os.listdir(os.path.join(corpus, t)))} inputs")
