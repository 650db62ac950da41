#!/bin/sh
# invoices_cli.sh: `ifgw invoices check ...` as a user runs it on the samples
# in tests/data/invoices: one tab-separated line per document on stdout,
# every problem as FILE:LINE: FIELD: message on stderr, exit 0 only when
# every document is valid (1 otherwise, 2 for usage), --skip-invalid.
#
# Environment (set by `make check`): IFGW, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-invoices-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
TAB=$(printf '\t')
. "$top_srcdir/tests/integration/lib.sh"

# Run from the data folder so that file names in messages are short.
cd "$top_srcdir/tests/data/invoices" || exit 1

lines_are() { # DESC FILE COUNT
	if [ "$(wc -l <"$tmp/$2")" -eq "$3" ]; then ok "$1"; else
		not_ok "$1 ($(wc -l <"$tmp/$2") lines on std$2, want $3)"
		show
	fi
}

# --- good samples: every document, stable tab-separated columns
run invoices check erp-export.csv
status_is "erp-export.csv is valid" 0
lines_are "one line per document" out 15
if [ ! -s "$tmp/err" ]; then ok "nothing on stderr"; else not_ok "stderr not empty"; show; fi
out_has "columns: countries, names, number, dates, amount, currency, type" \
	"FR${TAB}TotalEnergies SE${TAB}DE${TAB}Siemens AG${TAB}FR-2024-0001${TAB}2024-03-01${TAB}2024-04-30${TAB}125000.00${TAB}EUR${TAB}invoice"
out_has "JPY without decimals, a quoted name with a comma" \
	"JP${TAB}Toyota Motor Corporation${TAB}CN${TAB}Huawei Technologies Co., Ltd.${TAB}TMC-240311-07${TAB}2024-03-11${TAB}2024-06-28${TAB}12500000${TAB}JPY${TAB}invoice"
out_has "a credit note is due on its issue date" \
	"GB${TAB}BP p.l.c.${TAB}US${TAB}Apple Inc.${TAB}BP-CRN-300122-1${TAB}2024-03-20${TAB}2024-03-20${TAB}1500.00${TAB}USD${TAB}credit-note"

run invoices check ubl-invoice-jpy.xml ubl-creditnote-gbp.xml ubl-invoice-usd.xml cii-invoice-cny.xml \
	cii-creditnote-try.xml official/ubl-tc434-example5.xml official/CII_example4.xml
status_is "UBL and CII samples are valid" 0
lines_are "seven documents" out 7
out_has "UBL credit note" \
	"ES${TAB}Industria de Diseño Textil, S.A.${TAB}GB${TAB}Tesco PLC${TAB}ITX-ES-2024-AB-0093${TAB}2024-04-02${TAB}2024-05-02${TAB}1320.00${TAB}GBP${TAB}credit-note"
out_has "CII invoice" \
	"CN${TAB}华为技术有限公司${TAB}DE${TAB}Siemens AG${TAB}HW-EU-2024-061177${TAB}2024-06-10${TAB}2024-09-08${TAB}2560000.00${TAB}CNY${TAB}invoice"

run invoices check --delimiter ';' --decimal-comma semicolon-decimal-comma.csv
status_is "--decimal-comma" 0
out_has "1.234,56 is 1234.56" \
	"DE${TAB}SAP SE${TAB}FR${TAB}TotalEnergies SE${TAB}RE-2024-10455${TAB}2024-04-02${TAB}2024-05-02${TAB}1234.56${TAB}EUR${TAB}invoice"

run invoices check --charset ISO-8859-1 latin1.csv
status_is "--charset ISO-8859-1" 0
out_has "accents come out as UTF-8" \
	"FR${TAB}Société Générale${TAB}DE${TAB}Müller & Söhne Maschinenbau${TAB}SG-2024-0042${TAB}2024-05-06${TAB}2024-06-05${TAB}18400.00${TAB}EUR${TAB}invoice"

run invoices check - <bom.csv
status_is "standard input, BOM, CRLF" 0
lines_are "two documents from stdin" out 2

# --- refusals: every problem, nothing on stdout
run invoices check bad/missing-fields.csv
status_is "missing fields: refused" 1
lines_are "nothing accepted" out 0
err_has "missing number" "bad/missing-fields.csv:2: number: missing"
err_has "missing due date" "bad/missing-fields.csv:3: due_date: missing (an invoice needs a due date): add one, payment terms that state the days (\"30 days\", \"Net 30\"), or a default term (--default-term DAYS, or DefaultTerm in the node's configuration)"
err_has "missing debtor country" "bad/missing-fields.csv:4: debtor_country: missing"
err_has "summary" "ifgw invoices check: 11 problems in 5 of 5 documents: refused: nothing accepted (--skip-invalid keeps the valid ones)"
lines_are "11 problems and the summary" err 12

run invoices check bad/wrong-decimals.csv bad/unknown-currency.csv bad/due-before-issue.csv bad/negative-amounts.csv \
	bad/invalid-regno.csv
status_is "several bad files: refused" 1
err_has "wrong decimals" "bad/wrong-decimals.csv:2: amount: amount '1500.5' has more decimals than JPY allows (0)"
err_has "unknown currency" "bad/unknown-currency.csv:2: currency: unknown currency 'XYZ' (not an ISO 4217 code)"
err_has "due before issue" "bad/due-before-issue.csv:2: due_date: due date 2024-02-28 is before the issue date 2024-03-01"
err_has "negative invoice" "bad/negative-amounts.csv:2: amount: negative amount on an invoice (send a credit note with a positive amount instead)"
err_has "invalid SIREN" "bad/invalid-regno.csv:2: seller_reg_nr: FR SIREN 542051181: check digit wrong"

run invoices check erp-export.csv bad/duplicate-of-erp-export.csv
status_is "duplicate across files: refused" 1
err_has "duplicate names the first" \
	"bad/duplicate-of-erp-export.csv:2: number: duplicate invoice number 'FR-2024-0001' for the seller FR FR59542051180 (first at erp-export.csv:2)"

run invoices check bad/ubl-currency-mismatch.xml
status_is "currency mismatch: refused" 1
err_has "XPath and line" \
	"bad/ubl-currency-mismatch.xml:38: /Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount: currency mismatch: the amount is in 'USD', the document in EUR"

run invoices check bad/doctype-xxe.xml
status_is "DTD: refused" 1
err_has "DTD named" "bad/doctype-xxe.xml:3: DTD not allowed"
if grep -q "root:" "$tmp/out" "$tmp/err"; then not_ok "no file content leaked"; show; else ok "no file content leaked"; fi

run invoices check latin1.csv
status_is "ISO-8859-1 without --charset: refused" 1
err_has "the charset hint" \
	"latin1.csv:2: not UTF-8 (byte 0xE9 at column 61): give the file's charset, e.g. --charset ISO-8859-1 or --charset WINDOWS-1252"

# --- --skip-invalid: the valid ones out, the skipped ones named, status 1
run invoices check --skip-invalid bad/mixed.csv bad/malformed.xml
status_is "--skip-invalid still says not all valid" 1
lines_are "four valid documents" out 4
out_has "the first MIX-001 is kept" \
	"FR${TAB}TotalEnergies SE${TAB}DE${TAB}Siemens AG${TAB}MIX-001${TAB}2024-03-01${TAB}2024-04-30${TAB}100.00${TAB}EUR${TAB}invoice"
err_has "the duplicate is skipped" "bad/mixed.csv:7: skipped MIX-001"
err_has "and why" "bad/mixed.csv:7: number: duplicate invoice number 'MIX-001' for the seller FR 542051180 (first at bad/mixed.csv:2)"
err_has "the malformed file is skipped" "bad/malformed.xml: skipped (the whole file)"
err_has "skip summary" "ifgw invoices check: 4 of 7 documents valid, 3 skipped; 1 of 2 files unreadable"

# --- a big file generated here: 20,000 rows
{
	echo "doc_type,number,issue_date,due_date,currency,amount,seller_name,seller_country,seller_vat_nr,debtor_name,debtor_country"
	i=0
	while [ $i -lt 20000 ]; do
		echo "invoice,GEN-$i,2024-01-02,2024-03-01,EUR,$i.50,SAP SE,DE,DE143454214,Danone,FR"
		i=$((i + 1))
	done
} >"$tmp/big.csv"
run invoices check "$tmp/big.csv"
status_is "20,000 generated rows" 0
lines_are "20,000 lines out" out 20000

# --- usage
run invoices check
status_is "no file: usage" 2
run invoices check --delimiter '|' erp-export.csv
status_is "bad delimiter: usage" 2
run invoices check --bogus erp-export.csv
status_is "unknown option: usage" 2
run invoices frobnicate
status_is "unknown subcommand: usage" 2
run invoices check /nonexistent/invoices.csv
status_is "unreadable file: failure" 1
if grep -q "/nonexistent/invoices.csv" "$tmp/err"; then ok "names the file"; else not_ok "names the file"; show; fi
run invoices check --help
status_is "--help" 0

finish
