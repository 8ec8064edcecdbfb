# Loaded by every test file: `load test_helper`.
#
# The programs under test come first on PATH (make check puts build/bin or
# build-san/bin there).  Each test runs in its own empty directory, with
# the shipped rules as the default rule directory and a fixed "today".

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

ROOT="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
FIXTURES="$ROOT/tests/fixtures"
export ROOT FIXTURES
export CM_RULES_DIR="$ROOT/rules"
export CM_TODAY=2026-11-23
export LC_ALL=C.UTF-8
# The messages in English whatever the machine's settings: GNU gettext
# reads LANGUAGE before LC_ALL in any locale but C, C.UTF-8 included.  The
# build's own catalogs (make writes them beside bin/) for tests/i18n.bats.
unset LANGUAGE
CM_LOCALEDIR="$(cd "$(dirname "$(command -v cm-classify)")/../locale" \
    2>/dev/null && pwd)"
export CM_LOCALEDIR

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
}

# Debian's python3, which has the python3-* packages of make deps (a
# python of one's own earlier on PATH may lack them).
PY=/usr/bin/python3
export PY

# pick COLUMN...: the named columns of the CSV on standard input, as CSV,
# read with python3's csv module, so that quoted commas and line breaks
# inside a field are read right.
pick() {
	"$PY" -c '
import csv, sys
r = csv.reader(sys.stdin)
h = next(r)
ix = [h.index(c) for c in sys.argv[1:]]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(sys.argv[1:])
for row in r:
    w.writerow([row[i] for i in ix])
' "$@"
}
