#!/bin/sh
# suites_en16931.sh: `ifgw invoices check` on every EN 16931 example invoice
# (issue 8; tests/data/invoices/suites/en16931, copied unchanged, SOURCES.md)
# against expected.tsv there (format in suite.sh): a file read gives the
# expected number, dates, amount, currency and type; a file refused names
# the expected reasons.
#
# Environment (set by `make check`): IFGW, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-suites-en16931.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
TAB=$(printf '\t')
. "$top_srcdir/tests/integration/lib.sh"

suite=en16931
label="EN 16931 examples"
. "$top_srcdir/tests/integration/suite.sh"
