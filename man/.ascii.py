#!/usr/bin/python3
# The ASCII renderings of the manual pages (man/.ascii): each page carries,
# after its .Os, one line for each character outside ASCII that it uses,
#
#	.if !c \[u8D22] .char \[u8D22] Cai
#
# which gives groff the rendering on a device without a glyph for the
# character (-Tascii, as man(1) runs it in the C locale), and leaves it
# alone on one that has it (-Tutf8: the page shows the Chinese as it is).
# mandoc takes every character for present, and so never reads the .char.
#
# usage: .ascii.py write|check TABLE PAGE...
#   write: (re)writes the lines of each page from TABLE (make man-ascii);
#   check: says which pages are not as write would leave them, and exits 1
#          (make, as po-check does for the catalogs).
# Either fails, naming the page and line, on a character TABLE lacks.

import re
import sys

BEGIN = [
    '.\\" The characters outside ASCII, for a device without them (groff',
    '.\\" -Tascii, as man(1) uses it in the C locale): see "The pages in the',
    '.\\" C locale" in cm(7).  Written by make man-ascii from man/.ascii.',
]
END = '.\\" End of the ASCII renderings.'
ESCAPE = re.compile(r'\\\[u([0-9A-F]{4,6})\]')
RENDERING = re.compile(r'[!-~]+')


def table(path):
    rows = {}
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            c, _, r = line.partition(' ')
            if len(c) != 1 or ord(c) < 0x80 or not RENDERING.fullmatch(r) \
                    or '\\' in r:
                sys.exit(f'{path}:{n}: not a character outside ASCII, a '
                         'space and a rendering of printable ASCII')
            if c in rows:
                sys.exit(f'{path}:{n}: {c} is in the table twice')
            rows[c] = r
    return rows


def split(lines):
    """Where the renderings of a page begin and end (end == begin when it
    has none: they go after its .Os)."""
    try:
        b = lines.index(BEGIN[0])
        return b, lines.index(END, b) + 1
    except ValueError:
        b = lines.index('.Os') + 1
        return b, b


def renderings(page, lines, skip, rows):
    used = {}
    for n, line in enumerate(lines, 1):
        if n - 1 in skip:
            continue
        chars = [c for c in line if ord(c) >= 0x80]
        chars += [chr(int(h, 16)) for h in ESCAPE.findall(line)
                  if int(h, 16) >= 0x80]
        for c in chars:
            if c not in rows:
                sys.exit(f'{page}:{n}: no ASCII rendering of {c} '
                         f'(U+{ord(c):04X}): add it to man/.ascii')
            used.setdefault(c, n)
    out = []
    for c in sorted(used, key=ord):
        u = f'\\[u{ord(c):04X}]'
        out.append(f'.if !c {u} .char {u} {rows[c]}')
    return BEGIN + out + [END] if out else []


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ('write', 'check'):
        sys.exit('usage: .ascii.py write|check TABLE PAGE...')
    rows = table(sys.argv[2])
    stale = 0
    for page in sys.argv[3:]:
        with open(page, encoding='utf-8') as f:
            lines = f.read().split('\n')
        b, e = split(lines)
        new = lines[:b] + renderings(page, lines, range(b, e), rows) + \
            lines[e:]
        if new == lines:
            continue
        if sys.argv[1] == 'write':
            with open(page, 'w', encoding='utf-8') as f:
                f.write('\n'.join(new))
        else:
            print(f'{page}: its ASCII renderings are not those of '
                  'man/.ascii: make man-ascii', file=sys.stderr)
            stale = 1
    sys.exit(stale)


main()
