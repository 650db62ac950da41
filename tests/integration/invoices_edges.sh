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

# --- UTF-16 XML without a byte order mark, known by its "<?" (XML 1.0 appendix F)
tail -c +3 ubl-utf16le.xml >"$tmp/nobom-le.xml"
tail -c +3 ubl-utf16be.xml >"$tmp/nobom-be.xml"
run invoices check "$tmp/nobom-le.xml" "$tmp/nobom-be.xml"
status_is "UTF-16 XML without a byte order mark read" 0
out_has "UTF-16LE without BOM converted" \
	"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat Åkerö AB${TAB}NO-2024-119${TAB}2024-05-02${TAB}2024-06-01${TAB}18450.00${TAB}NOK${TAB}invoice"
out_has "UTF-16BE without BOM converted" \
	"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat Åkerö AB${TAB}NO-2024-120${TAB}2024-05-02${TAB}2024-06-01${TAB}18450.00${TAB}NOK${TAB}invoice"

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

# --- no due date (BT-9): derived from payment terms stating days, else from
# --default-term; marked as derived on stderr; refused only without either
run invoices check ubl-no-due-net30.xml cii-no-due-tagen.xml
status_is "no due date but payment terms with days: accepted" 0
out_has "UBL 'Net 30': due 30 days after issue" \
	"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat AB${TAB}NO-2024-121${TAB}2024-05-02${TAB}2024-06-01${TAB}18450.00${TAB}NOK${TAB}invoice"
out_has "CII 'zahlbar innerhalb 14 Tagen': due 14 days after issue" \
	"AT${TAB}Alpenholz GmbH${TAB}CH${TAB}Holzbau Zürich AG${TAB}AT-2024-0311${TAB}2024-12-20${TAB}2025-01-03${TAB}7320.00${TAB}EUR${TAB}invoice"
err_has "the derived UBL due date is marked" \
	"ubl-no-due-net30.xml:6: NO-2024-121: due date 2024-06-01 derived: 30 days after the issue date, from the payment terms"
err_has "the derived CII due date is marked" \
	"cii-no-due-tagen.xml:6: AT-2024-0311: due date 2025-01-03 derived: 14 days after the issue date, from the payment terms"

run invoices check ubl-no-due-eom.xml
status_is "terms counted from the end of the month are not derived from: refused" 1
err_has "the refusal says what to add" \
	"ubl-no-due-eom.xml:7: /Invoice/cbc:DueDate: missing (an invoice needs a due date): add one, payment terms that state the days (\"30 days\", \"Net 30\"), or a default term (--default-term DAYS, or DefaultTerm in the node's configuration)"

run invoices check --default-term 60 ubl-no-due-eom.xml ubl-no-due-net30.xml
status_is "--default-term 60 gives the rest a due date" 0
out_has "the default term applied" \
	"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat AB${TAB}NO-2024-122${TAB}2024-05-02${TAB}2024-07-01${TAB}18450.00${TAB}NOK${TAB}invoice"
err_has "marked as from the default term" \
	"ubl-no-due-eom.xml:7: NO-2024-122: due date 2024-07-01 derived: 60 days after the issue date, from the default term"
out_has "stated terms win over the default" \
	"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat AB${TAB}NO-2024-121${TAB}2024-05-02${TAB}2024-06-01${TAB}18450.00${TAB}NOK${TAB}invoice"

run invoices check ubl-seller-id-only.xml
if ! grep -q derived "$tmp/err"; then ok "a given due date is not marked"; else not_ok "a given due date marked"; show; fi

for bad in 0 1000 30d ""; do
	run invoices check --default-term "$bad" ubl-no-due-eom.xml
	status_is "--default-term '$bad' is a usage error" 2
done

# --- ifgw route reads the node's DefaultTerm (--default-term wins over it)
sed 's|^  <!-- Import factors|  <DefaultTerm days="45"/>\n  <!-- Import factors|' \
	"$top_srcdir/examples/ifgw.xml" >"$tmp/ifgw.xml"
{
	echo "doc_type,number,issue_date,due_date,currency,amount,product,seller_name,seller_country,seller_reg_nr,debtor_name,debtor_country,debtor_reg_nr"
	echo "invoice,R-901,2024-03-01,,EUR,1000.00,export,TotalEnergies SE,FR,542051180,Siemens AG,DE,HRB 6684"
} >"$tmp/nodue.csv"
run route --explain --config "$top_srcdir/examples/ifgw.xml" "$tmp/nodue.csv"
status_is "route: no due date and no default term: refused" 1
run route --explain --config "$tmp/ifgw.xml" "$tmp/nodue.csv"
status_is "route: the node's DefaultTerm gives the due date" 0
err_has "route: marked as derived from the default term" \
	"$tmp/nodue.csv:2: R-901: due date 2024-04-15 derived: 45 days after the issue date, from the default term"
run route --explain --config "$tmp/ifgw.xml" --default-term 10 "$tmp/nodue.csv"
err_has "route: --default-term wins over DefaultTerm" \
	"$tmp/nodue.csv:2: R-901: due date 2024-03-11 derived: 10 days after the issue date, from the default term"

finish
