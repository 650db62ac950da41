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

# --- an issue date with a time zone (valid xsd:date): the date part is kept
run invoices check ubl-date-zone.xml
status_is "2015-01-09+01:00 is a date" 0
out_has "the date part is kept" \
	"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat AB${TAB}NO-2015-007${TAB}2015-01-09${TAB}2015-02-08${TAB}18450.00${TAB}NOK${TAB}invoice"

# --- UTF-16 XML (BOM, little- and big-endian) is XML, with or without --charset UTF-16
for opt in "" "--charset UTF-16"; do
	# shellcheck disable=SC2086 # $opt is two words or none
	run invoices check $opt ubl-utf16le.xml ubl-utf16be.xml
	status_is "UTF-16 XML read ${opt:-without options}" 0
	out_has "UTF-16LE converted (${opt:-no option})" \
		"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat Åkerö AB${TAB}NO-2024-119${TAB}2024-05-02${TAB}2024-06-01${TAB}18450.00${TAB}NOK${TAB}invoice"
	out_has "UTF-16BE converted (${opt:-no option})" \
		"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat Åkerö AB${TAB}NO-2024-120${TAB}2024-05-02${TAB}2024-06-01${TAB}18450.00${TAB}NOK${TAB}invoice"
done

# --- --skip-invalid names every skipped document (it stopped after 1,000)
{
	echo "doc_type,number,issue_date,due_date,currency,amount,seller_name,seller_country,seller_id,debtor_name,debtor_country"
	i=0
	while [ $i -lt 1300 ]; do
		echo "invoice,BAD-$i,2024-01-01,2024-02-01,EUR,1.001,S,FR,S1,D,DE"
		i=$((i + 1))
	done
	echo "invoice,GOOD-1,2024-01-01,2024-02-01,EUR,1.00,S,FR,S1,D,DE"
} >"$tmp/many.csv"
run invoices check --skip-invalid "$tmp/many.csv"
status_is "--skip-invalid with 1,300 bad documents: status 1" 1
out_has "the valid one is kept" \
	"FR${TAB}S${TAB}DE${TAB}D${TAB}GOOD-1${TAB}2024-01-01${TAB}2024-02-01${TAB}1.00${TAB}EUR${TAB}invoice"
if [ "$(grep -c ': skipped BAD-' "$tmp/err")" -eq 1300 ]; then ok "all 1,300 skipped documents named"; else
	not_ok "$(grep -c ': skipped BAD-' "$tmp/err") of 1300 skipped documents named"
fi
err_has "the last one too" "$tmp/many.csv:1301: skipped BAD-1299"
if ! grep -q "not named" "$tmp/err"; then ok "none left unnamed"; else not_ok "some left unnamed"; show; fi
err_has "problems capped, and said so" "ifgw invoices check: and 300 more problems"
err_has "skip summary" "ifgw invoices check: 1 of 1301 documents valid, 1300 skipped; 0 of 1 files unreadable"

finish
