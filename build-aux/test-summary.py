#!/usr/bin/env python3
"""Prints one line "N passed, N failed" from meson's testlog.json.

Counts the TAP results of each test program (every GTest case is one), and counts a
program that crashed or timed out without reporting a failing case as one failure.
Exits 1 when anything failed or nothing ran.
"""
import json
import re
import sys

passed = failed = skipped = 0
try:
    log = open(sys.argv[1], encoding="utf-8")
except OSError as error:
    print(f"no test log ({error.strerror}: {sys.argv[1]}): meson test did not run")
    print("0 passed, 1 failed")
    sys.exit(1)
with log:
    for line in log:
        entry = json.loads(line)
        out = entry.get("stdout") or ""
        ok = len(re.findall(r"^ok \d+(?! # SKIP)", out, re.M))
        skip = len(re.findall(r"^ok \d+ # SKIP", out, re.M))
        not_ok = len(re.findall(r"^not ok \d+", out, re.M))
        result = entry.get("result")
        if result == "SKIP" and ok == 0 and not_ok == 0:
            skip += 1
        elif result in ("FAIL", "ERROR", "TIMEOUT", "UNEXPECTEDPASS") and not_ok == 0:
            not_ok = 1
        elif result == "OK" and ok == 0 and not_ok == 0 and skip == 0:
            ok = 1  # a program without TAP output that passed
        passed += ok
        failed += not_ok
        skipped += skip

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
