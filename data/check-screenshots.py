#!/usr/bin/env python3
# The AppStream screenshots are pictures of the real app taken by the screenshot tests:
# each <image> of the metainfo names data/screenshots/NAME.png, which is a copy of
# tests/ui/light-NAME.png from test-page-screenshots.
# Usage: check-screenshots.py METAINFO SCREENSHOT-DIR
#            fails unless every named screenshot is there as a PNG of a window's size;
#        check-screenshots.py METAINFO SCREENSHOT-DIR --update TEST-UI-BUILD-DIR
#            copies the tests' light-NAME.png over them (run the ui suite first).
import os
import re
import shutil
import struct
import sys


def names(metainfo):
    with open(metainfo, encoding="utf-8") as f:
        urls = re.findall(r"<image>([^<]+)</image>", f.read())
    return [url.rsplit("/", 1)[-1] for url in urls]


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--update"):
        print(__doc__ or "usage: check-screenshots.py METAINFO DIR [--update TEST-UI-DIR]", file=sys.stderr)
        return 2
    metainfo, shots = argv[0], argv[1]
    listed = names(metainfo)
    if not listed:
        print(f"{metainfo}: no screenshots")
        return 1
    if len(argv) == 4:
        for name in listed:
            source = os.path.join(argv[3], "light-" + name)
            if not os.path.exists(source):
                print(f"{source}: missing; run the ui suite first")
                return 1
            shutil.copyfile(source, os.path.join(shots, name))
            print(f"{source} -> {os.path.join(shots, name)}")
    status = 0
    for name in listed:
        path = os.path.join(shots, name)
        if not os.path.exists(path):
            print(f"{path}: missing (the metainfo shows it)")
            status = 1
            continue
        size = png_size(path)
        if size is None:
            print(f"{path}: not a PNG")
            status = 1
        elif not (800 <= size[0] <= 2560 and 500 <= size[1] <= 1600):
            print(f"{path}: {size[0]}x{size[1]} is not the size of a window screenshot")
            status = 1
        else:
            print(f"{path}: {size[0]}x{size[1]}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
