#!/bin/sh
# invoices_ids.sh: party identifiers through the commands that ingest
# (issue 8): every identifier accepted without a check of ours is noted on
# stderr, one line per identifier, naming file, document number, business
# term and scheme, by `ifgw invoices check` and `ifgw route --explain`; CSV
# scheme columns (seller_reg_nr_scheme ...) check an id by its scheme; the
# buyer identifier BT-46 is read from UBL and CII (shown with --ids).
# Samples in tests/data/invoices/ids (and official/).
#
# Environment (set by `make check`): IFGW, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-invoices-ids.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
TAB=$(printf '\t')
. "$top_srcdir/tests/integration/lib.sh"

cd "$top_srcdir/tests/data/invoices/ids" || exit 1

# notes_are DESC N: stderr holds exactly N identifier notes (" BT-").
notes_are() {
	got=$(grep -c ': BT-[0-9]* ' "$tmp/err")
	if [ "$got" -eq "$2" ]; then ok "$1"; else not_ok "$1 ($got notes, want $2)"; show; fi
}

# --- 1. identifiers accepted unchecked are noted, per document, one line each
run invoices check notes.csv
status_is "unchecked identifiers do not refuse a document" 0
out_has "the document is listed" \
	"FR${TAB}TotalEnergies SE${TAB}SE${TAB}Havsmat AB${TAB}N-1${TAB}2024-03-01${TAB}2024-04-30${TAB}1200.00${TAB}EUR${TAB}invoice"
err_has "check: a legal id of a country without a rule, no scheme" \
	"notes.csv:2: N-1: BT-47 debtor_reg_nr (scheme none): registration number of a party in SE: no rule of ours for this country, accepted unchecked"
err_has "check: a VAT number of an EU prefix without a rule" \
	"notes.csv:2: N-1: BT-48 debtor_vat_nr (scheme VAT SE): VAT number with the prefix SE: no rule of ours for this country, accepted unchecked"
notes_are "check: checked identifiers (FR, DE) are not noted" 2

ex=../official/ubl-tc434-creditnote1.xml
run invoices check "$ex"
status_is "the EN 16931 credit note is read" 0
err_has "check: the UBL seller's legal id (BT-30)" \
	"$ex:43: 018304 / 28865: BT-30 /CreditNote/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID (scheme none): registration number of a party in BE: no rule of ours for this country, accepted unchecked"
err_has "check: the UBL seller's VAT number (BT-31)" \
	"$ex:36: 018304 / 28865: BT-31 /CreditNote/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID (scheme VAT BE): VAT number with the prefix BE: no rule of ours for this country, accepted unchecked"
err_has "check: the UBL buyer's VAT number (BT-48)" \
	"$ex:65: 018304 / 28865: BT-48 /CreditNote/cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID (scheme VAT BE): VAT number with the prefix BE: no rule of ours for this country, accepted unchecked"
notes_are "check: one line per identifier" 4

# route --explain ingests too: the same notes (a document without a route included)
run route --explain --config "$top_srcdir/examples/ifgw.xml" notes.csv
status_is "route: SE has no route on the example node" 1
err_has "route: the same note" \
	"notes.csv:2: N-1: BT-48 debtor_vat_nr (scheme VAT SE): VAT number with the prefix SE: no rule of ours for this country, accepted unchecked"
notes_are "route: the same notes" 2

# --- 2. BT-46, the buyer identifier: the buyer's id, checked by its schemeID as BT-29 is
run invoices check --ids ubl-buyer-id.xml cii-buyer-id.xml cii-buyer-id-other.xml
status_is "UBL and CII buyer identifiers read" 0
out_has "UBL: BT-46 (a GLN, 0088) is the buyer's id; --ids shows it" \
	"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat AB${TAB}NO-2024-130${TAB}2024-05-02${TAB}2024-06-01${TAB}18450.00${TAB}NOK${TAB}invoice${TAB}7080000123452${TAB}-${TAB}-${TAB}7350000111118${TAB}-${TAB}-"
out_has "CII: BT-46 from ram:GlobalID" \
	"AT${TAB}Alpenholz GmbH${TAB}CH${TAB}Holzbau Zürich AG${TAB}AT-2024-0320${TAB}2024-12-20${TAB}2025-01-03${TAB}7320.00${TAB}EUR${TAB}invoice${TAB}9012345000004${TAB}-${TAB}-${TAB}7610000123451${TAB}-${TAB}-"
out_has "CII: BT-46 from ram:ID, in a scheme without a rule of ours, kept as given" \
	"AT${TAB}Alpenholz GmbH${TAB}CH${TAB}Holzbau Zürich AG${TAB}AT-2024-0321${TAB}2024-12-20${TAB}2025-01-03${TAB}7320.00${TAB}EUR${TAB}invoice${TAB}9012345000004${TAB}-${TAB}-${TAB}CHE-123.456.788${TAB}-${TAB}-"
err_has "... and noted as BT-46 with its scheme" \
	"cii-buyer-id-other.xml:20: AT-2024-0321: BT-46 /rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/ram:ID (scheme 0183): scheme 0183 (CH UID): accepted as given, no check of ours"
notes_are "GLNs checked are not noted" 1

run invoices check ubl-buyer-id-bad.xml
status_is "a buyer GLN with a wrong check digit is refused" 1
err_has "... naming the element and the check digit" \
	"ubl-buyer-id-bad.xml:31: /Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID: GLN (scheme 0088) 7350000111119: GS1 check digit wrong, want 8"

# Without --ids the columns are the usual ten.
run invoices check ubl-buyer-id.xml
out_has "without --ids: ten columns" \
	"NO${TAB}Fjordfisk AS${TAB}SE${TAB}Havsmat AB${TAB}NO-2024-130${TAB}2024-05-02${TAB}2024-06-01${TAB}18450.00${TAB}NOK${TAB}invoice"

# --- 3. CSV scheme columns: <column>_scheme, an ISO 6523 ICD, as schemeID in XML
run invoices check gln.csv
status_is "CSV: a valid GLN under 0088 on a German seller is accepted (not a Handelsregister number)" 0
out_has "CSV: the GLN seller's invoice listed" \
	"DE${TAB}Muster GmbH${TAB}FR${TAB}TotalEnergies SE${TAB}G-1${TAB}2024-05-06${TAB}2024-07-05${TAB}100.00${TAB}EUR${TAB}invoice"
err_has "CSV: a scheme with no rule of ours is noted" \
	"gln.csv:3: G-2: BT-46 debtor_id (scheme 0204): scheme 0204 (DE Leitweg-ID): accepted as given, no check of ours"
notes_are "CSV: only that one" 1

run invoices check gln-bad.csv
status_is "CSV: a wrong GLN check digit refuses the file" 1
err_has "CSV: the wrong check digit, on its line and column" \
	"gln-bad.csv:2: seller_reg_nr: GLN (scheme 0088) 1548079098356: GS1 check digit wrong, want 5"
err_has "CSV: a scheme that is not an ICD, on its line and column" \
	"gln-bad.csv:3: seller_reg_nr_scheme: 'GLN' is not an ISO 6523 ICD (want 4 digits, e.g. 0088 for a GLN)"
err_has "CSV: an empty scheme is the national register, as before" \
	"gln-bad.csv:4: seller_reg_nr: DE Handelsregister 1548079098355: register type not HRA, HRB, GnR, GsR, PR or VR followed by the number"
if [ "$(grep -c '^gln-bad.csv:' "$tmp/err")" -eq 3 ]; then ok "CSV: one problem per bad row"; else
	not_ok "CSV: $(grep -c '^gln-bad.csv:' "$tmp/err") problems, want 3"; show
fi

# Old files, without the columns, are checked as before: the GLN as a register number.
sed -e 's/,seller_reg_nr_scheme//' -e 's/,0088,/,/' gln-bad.csv | head -2 >"$tmp/noscheme.csv"
run invoices check "$tmp/noscheme.csv"
err_has "CSV without scheme columns: the national register" \
	"$tmp/noscheme.csv:2: seller_reg_nr: DE Handelsregister 1548079098356: register type not HRA, HRB, GnR, GsR, PR or VR followed by the number"

finish
