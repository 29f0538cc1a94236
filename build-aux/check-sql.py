#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when C code pastes a value into SQL text instead of binding it.

SQL may be built with printf only to name tables and columns taken from the record kinds
(identifiers); any value must go through a bound parameter (?1, sqlite3_bind_*, or the ODBC
driver's parameters). A format string that reads as SQL is refused when a conversion stands
where a value goes: quoted ('%s'), after a comparison or LIKE, inside VALUES or IN lists, or
a numeric conversion (%d, %lld …). PRAGMA statements, which take no parameters, are allowed
numbers.
"""
import re
import sys
from pathlib import Path

SQL = re.compile(r'\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|PRAGMA)\b')
CALL = re.compile(r'\b(g_strdup_printf|g_string_append_printf|g_string_printf|sqlite3_mprintf|sqlite3_snprintf)\s*\(')
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
VALUE_SLOT = [
    re.compile(r"'%"),                                   # quoted: a pasted value
    re.compile(r'(=|<|>|\bLIKE|\bIN\s*\(|\bVALUES\s*\(|,)\s*%(?!%)'),
]
# ?%d numbers a parameter, it is not a value
NUMBER = re.compile(r'(?<!\?)%(?:l{0,2}|z|j)?[diugf]|(?<!\?)%G_G?U?INT64_FORMAT')


def format_literal(text, start):
    """The concatenated string literals of the call's first argument."""
    i = start
    parts = []
    while True:
        m = STRING.match(text, i)
        if not m:
            j = i
            while j < len(text) and text[j] in ' \t\n':
                j += 1
            if j != i:
                i = j
                continue
            # a macro between literals (G_GINT64_FORMAT) joins them
            m2 = re.match(r'[A-Z_0-9]+', text[i:])
            if m2 and parts:
                parts.append('%' + m2.group(0))
                i += len(m2.group(0))
                continue
            break
        parts.append(m.group(1))
        i = m.end()
    return ''.join(parts)


def main(root):
    problems = []
    for path in sorted(Path(root, 'app').rglob('*.c')):
        text = path.read_text(encoding='utf-8')
        for call in CALL.finditer(text):
            args = text[call.end():]
            # g_string_append_printf (string, "…"): skip the first argument
            if call.group(1) in ('g_string_append_printf', 'g_string_printf', 'sqlite3_snprintf'):
                comma = args.find(',')
                if comma < 0:
                    continue
                offset = call.end() + comma + 1
            else:
                offset = call.end()
            while offset < len(text) and text[offset] in ' \t\n':
                offset += 1
            fmt = format_literal(text, offset)
            if not SQL.search(fmt) or fmt.lstrip().startswith('%s:'):
                continue
            line = text.count('\n', 0, call.start()) + 1
            if fmt.lstrip().upper().startswith('PRAGMA'):
                continue
            if any(p.search(fmt) for p in VALUE_SLOT) or NUMBER.search(fmt):
                problems.append(f'{path.relative_to(root)}:{line}: a value is pasted into SQL: "{fmt}"')
    for p in problems:
        print(p)
    print(f'check-sql: {len(problems)} pasted values')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else '.'))
