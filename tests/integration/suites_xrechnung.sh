#!/bin/sh
# suites_xrechnung.sh: `ifgw invoices check` on every KoSIT XRechnung test
# suite instance (issue 8; tests/data/invoices/suites/xrechnung, copied
# unchanged, SOURCES.md) against expected.tsv there (format in suite.sh): a
# file read gives the expected number, dates, amount, currency and type; a
# file refused names the expected reasons.
#
# Environment (set by `make check`): IFGW, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-suites-xrechnung.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
TAB=$(printf '\t')
. "$top_srcdir/tests/integration/lib.sh"

suite=xrechnung
label="XRechnung test suite"
. "$top_srcdir/tests/integration/suite.sh"
