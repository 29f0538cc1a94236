#!/usr/bin/env python3
# Fails when a GtkBuilder template under ui/ has user-visible text that xgettext would not
# extract: a label, title, tooltip, placeholder, accessible label or menu label that is not
# marked translatable="yes". Text without a letter (a number, a symbol) needs no mark.
# Usage: check-ui-strings.py SOURCE-ROOT
import glob
import os
import sys
import xml.etree.ElementTree as ET

VISIBLE = {
    "label", "title", "subtitle", "tooltip-text", "tooltip-markup", "placeholder-text", "description",
    "text", "heading", "body", "secondary-text", "text-before", "text-after", "message",
}


def unmarked(path):
    found = []
    for element in ET.parse(path).iter():
        if element.tag not in ("property", "attribute"):
            continue
        if element.get("name") not in VISIBLE or element.get("translatable") == "yes":
            continue
        if element.get("bind-source") is not None or len(element):
            continue  # bound to another property, or holds an object / a binding
        text = (element.text or "").strip()
        if any(c.isalpha() for c in text):
            found.append(f"{path}: {element.tag} {element.get('name')}={text!r} is not marked translatable")
    return found


def main(argv):
    root = argv[0] if argv else "."
    files = sorted(glob.glob(os.path.join(root, "ui", "**", "*.ui"), recursive=True))
    if not files:
        print(f"no .ui files under {root}/ui")
        return 1
    problems = [p for f in files for p in unmarked(f)]
    for problem in problems:
        print(problem)
    print(f"{len(files)} templates, {len(problems)} unmarked strings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
