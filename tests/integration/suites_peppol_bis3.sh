#!/bin/sh
# suites_peppol_bis3.sh: `ifgw invoices check` on every PEPPOL BIS Billing 3
# example invoice (issue 8; tests/data/invoices/suites/peppol-bis3, copied
# unchanged, SOURCES.md) against expected.tsv there (format in suite.sh): a
# file read gives the expected number, dates, amount, currency and type; a
# file refused names the expected reasons.
#
# Environment (set by `make check`): IFGW, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-suites-peppol-bis3.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
TAB=$(printf '\t')
. "$top_srcdir/tests/integration/lib.sh"

suite=peppol-bis3
label="PEPPOL BIS Billing 3 examples"
. "$top_srcdir/tests/integration/suite.sh"
