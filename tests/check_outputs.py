#!/usr/bin/env python3
# Every output of `chainatlas` written from hostile names (tests/data/good/hostile.json) and from a chain whose
# names are 10,000 characters of mixed scripts must be a valid file, read by tools that are not ours — xmllint
# (SVG and every XML part of the workbook), openpyxl (the workbook), pdftotext (the PDF), a PNG decoder
# (zlib and the chunk CRCs) — and be written within the time limit (issue 25).
#     check_outputs.py CLI DATA_DIR WORK_DIR SECONDS
import csv
import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib

cli, data, work, limit = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
os.makedirs(work, exist_ok=True)
problems = []


def long_name(tag):
    # Latin, Chinese, Cyrillic, Arabic (right to left), an emoji and a combining accent, repeated.
    unit = tag + "Ab中文Жя\u0645\u0631\U0001F600e\u0301 "
    return (unit * (10000 // len(unit) + 1))[:10000]


def write_long_chain(path):
    chain = {
        "format": "chainatlas/1",
        "chain": {"id": "long", "name": long_name("chain"), "note": long_name("note")},
        "stages": [{"id": "up", "name": long_name("stage")}],
        "segments": [{"id": "a", "name": long_name("a"), "stage": "up"}, {"id": "b", "name": long_name("b")}],
        "links": [{"from": "a", "to": "b"}],
        "regions": [{"id": "r1", "name": long_name("r1")}, {"id": "r2", "name": long_name("r2")}],
        "firms": [{"id": "f1", "name": long_name("f1"), "leader": True,
                   "sites": [{"region": "r1", "segments": ["a"], "output": 2, "note": long_name("site")}]},
                  {"id": "f2", "name": long_name("f2"), "sites": [{"region": "r2", "segments": ["b"], "output": 3}]},
                  {"id": "f3", "name": long_name("f3"), "sites": [{"region": "r2", "segments": ["a", "b"]}]}],
        "supplies": [{"from": "f1", "to": "f2"}, {"from": "f3", "to": "f1"}],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(chain, f, ensure_ascii=False)


def run(label, arguments, output):
    started = time.monotonic()
    result = subprocess.run([cli] + arguments, capture_output=True)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        problems.append(f"{label}: exit {result.returncode}: {result.stderr.decode(errors='replace')[:300]}")
        return False
    if seconds > limit:
        problems.append(f"{label}: took {seconds:.1f} s (limit {limit:.0f} s)")
    if output == "-":
        with open(os.path.join(work, label), "wb") as f:
            f.write(result.stdout)
    print(f"{label}: {seconds:.2f} s")
    return True


def raw_controls(text):
    return [c for c in text if (ord(c) < 0x20 and c not in "\n\r") or c == "\x7f"]


def check_text(label, path, is_csv):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return problems.append(f"{label}: not UTF-8: {e}")
    if raw_controls(text):
        problems.append(f"{label}: raw control characters {sorted(set(map(hex, map(ord, raw_controls(text)))))}")
    if is_csv:
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@") and not cell.lstrip("-").replace(".", "", 1).isdigit():
                    problems.append(f"{label}: a cell starts as a formula: {cell[:40]!r}")


def xml_valid(label, content):
    result = subprocess.run(["xmllint", "--noout", "--huge", "-"], input=content, capture_output=True)
    if result.returncode != 0:
        problems.append(f"{label}: not well-formed XML: {result.stderr.decode(errors='replace')[:300]}")


def check_png(label, path):
    with open(path, "rb") as f:
        png = f.read()
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        return problems.append(f"{label}: no PNG signature")
    at, idat, header = 8, b"", None
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        body = png[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length:at + 12 + length])
        if zlib.crc32(kind + body) != crc:
            return problems.append(f"{label}: chunk {kind} has a bad CRC")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, colour = header[0], header[1], header[2], header[3]
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    expected = height * (1 + (width * channels * depth + 7) // 8)
    if len(zlib.decompress(idat)) != expected:
        problems.append(f"{label}: the image data does not decode to {width}x{height}")
    if width > 16384 or height > 16384:
        problems.append(f"{label}: {width}x{height} pixels")


def check_xlsx(label, path):
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                xml_valid(f"{label} {name}", z.read(name))
    try:
        import openpyxl
    except ImportError:
        return print(f"{label}: openpyxl is not installed (python3-openpyxl): skipped")
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str) and raw_controls(value.replace("\t", "")):
                    problems.append(f"{label}: sheet {sheet.title} holds raw control characters")


def check_pdf(label, path):
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True)
    if result.returncode != 0 or not result.stdout.strip():
        problems.append(f"{label}: pdftotext cannot read it: {result.stderr.decode(errors='replace')[:300]}")
    if result.stderr.strip():
        problems.append(f"{label}: pdftotext complains: {result.stderr.decode(errors='replace')[:300]}")


def check(label, path):
    if path.endswith(".svg"):
        with open(path, "rb") as f:
            xml_valid(label, f.read())
    elif path.endswith(".png"):
        check_png(label, path)
    elif path.endswith(".xlsx"):
        check_xlsx(label, path)
    elif path.endswith(".pdf"):
        check_pdf(label, path)
    elif path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            json.load(f)
    else:
        check_text(label, path, path.endswith(".csv"))


def outputs(name, chain, region, hub):
    scenario = [chain, "--region", region, "--hub", hub]
    out = lambda file: os.path.join(work, f"{name}-{file}")
    cases = [
        ("analyze.json", ["analyze"] + scenario + ["--format", "json", "-o", out("analyze.json")]),
        ("analyze.csv", ["analyze"] + scenario + ["--format", "csv", "-o", out("analyze.csv")]),
        ("analyze-stdout.csv", ["analyze"] + scenario + ["--format", "csv"]),
        ("analyze.txt", ["analyze"] + scenario),
        ("compare.json", ["compare", chain, "--region", region, "--region", hub, "--format", "json", "-o",
                          out("compare.json")]),
        ("compare.csv", ["compare", chain, "--region", region, "--region", hub, "--format", "csv", "-o",
                         out("compare.csv")]),
        ("compare.txt", ["compare", chain, "--region", region, "--region", hub]),
        ("stats.txt", ["stats", chain]),
        ("map-segment.svg", ["map"] + scenario + ["-o", out("map-segment.svg")]),
        ("map-segment.png", ["map"] + scenario + ["-o", out("map-segment.png")]),
        ("map-firm.svg", ["map"] + scenario + ["--level", "firm", "-o", out("map-firm.svg")]),
        ("map-firm.png", ["map"] + scenario + ["--level", "firm", "-o", out("map-firm.png")]),
        ("priorities.svg", ["map"] + scenario + ["--view", "priorities", "-o", out("priorities.svg")]),
        ("priorities.png", ["map"] + scenario + ["--view", "priorities", "-o", out("priorities.png")]),
        ("report.xlsx", ["report"] + scenario + ["-o", out("report.xlsx")]),
        ("report.pdf", ["report"] + scenario + ["-o", out("report.pdf")]),
        ("report-en.pdf", ["report"] + scenario + ["--lang", "en", "-o", out("report-en.pdf")]),
    ]
    for file, arguments in cases:
        label = f"{name}-{file}"
        stdout = "-o" not in arguments
        if run(label, arguments, "-" if stdout else out(file)):
            check(label, os.path.join(work, label))


long_chain = os.path.join(work, "long-names.json")
write_long_chain(long_chain)
outputs("hostile", os.path.join(data, "good", "hostile.json"), "suzhou", "wuxi")
outputs("long", long_chain, "r1", "r2")
for problem in problems:
    print("FAIL " + problem)
sys.exit(1 if problems else 0)
