#!/usr/bin/env python3
"""Checks that a PNG is a real screenshot: valid, window-sized, and not blank.

Usage: check-png.py FILE [MIN_WIDTH MIN_HEIGHT]. Standard library only.
"""
import struct
import sys
import zlib
from collections import Counter


def fail(msg):
    print(f"{sys.argv[1]}: {msg}")
    sys.exit(1)


def main():
    path = sys.argv[1]
    min_w = int(sys.argv[2]) if len(sys.argv) > 2 else 800
    min_h = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG file")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if ihdr is None:
        fail("no IHDR chunk")
    w, h, depth, colour, _, _, interlace = ihdr
    if (depth, colour, interlace) != (8, 6, 0):
        fail(f"expected 8-bit RGBA, not interlaced; found depth {depth}, colour type {colour}")
    if w < min_w or h < min_h:
        fail(f"{w}x{h} is smaller than a window ({min_w}x{min_h})")
    raw = zlib.decompress(idat)
    bpp, stride = 4, w * 4
    prev = bytearray(stride)
    colours = Counter()
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 0xFF
            elif f == 2:
                line[x] = (line[x] + b) & 0xFF
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        if y % 4 == 0:
            colours.update(bytes(line[i:i + 4]) for i in range(0, stride, 16))
        prev = line
    total = sum(colours.values())
    top = colours.most_common(1)[0][1] / total
    if len(colours) < 30 or top > 0.95:
        fail(f"looks blank: {len(colours)} colours, the commonest covers {top:.0%}")
    print(f"{path}: {w}x{h}, {len(colours)} colours sampled, commonest {top:.0%}: ok")


main()
