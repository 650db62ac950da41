#!/bin/sh
# ledger_apply.sh: `ifgw ledger apply`, the node's own acts on its books
# (tests/data/node/fr-books.xml with a fresh test PKI): the domestic invoice
# R-005 accepted, funded (the advance and the seller's financing status
# shown), partly paid (once in USD at the ECB rates of a given day), a
# dispute raised and settled for the seller, an
# overpayment refused with the store byte-identical; the export invoice
# R-001 and its seller: a local `accept` or registration answer refused as
# the import factor's act; a timer's
# event refused; json output; usage errors.
#
# Environment (set by `make check`): IFGW, top_srcdir, PYTHON3.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR
PYTHON3=${PYTHON3:-python3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-ledger-apply.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "$top_srcdir/tests/integration/lib.sh"

mkdir "$tmp/node"
cp "$top_srcdir/tests/data/node/fr-books.xml" "$tmp/node/ifgw.xml"
cp -R "$top_srcdir/tests/data/node/sellers" "$tmp/node/sellers"
"$IFGW" --now 2024-02-01 certs init --dir "$tmp/node/certs" --org "Test" --partners DE,US >/dev/null 2>&1 ||
	{ echo "Bail out! certs init failed"; exit 1; }
CFG=$tmp/node/ifgw.xml
DB=$tmp/node/state/fr.db
CSV=$top_srcdir/tests/data/route/fr-node.csv
{ head -n 1 "$CSV"; grep -E '^invoice,R-00[15],' "$CSV"; } >"$tmp/good.csv"

run invoices submit --config "$CFG" --now 2024-03-01T09:00:00Z "$tmp/good.csv"
status_is "submit: exit 0" 0

# The store as it is, to compare after a refusal.
snap() { cat "$DB" "$DB-wal" 2>/dev/null >"$tmp/db.$1"; }
same() { # DESC
	snap after
	if cmp -s "$tmp/db.before" "$tmp/db.after"; then ok "$1"; else not_ok "$1"; fi
}

# R-001 is an export invoice: its acceptance is the import factor's answer.
snap before
run ledger apply --config "$CFG" --now 2024-03-01T10:00:00Z invoice R-001 accept 125000.00 EUR
status_is "a local accept of the export invoice: exit 1" 1
err_has "  ... the import factor's act" "ifgw ledger apply: invoice R-001 (assigned): accept not allowed: the import factor's act, inbound only (home role with a partner)"
same "  ... the store byte-identical"

# R-005 is domestic (confidential): this node accepts it itself.
run ledger apply --config "$CFG" --now 2024-03-01T10:00:00Z invoice R-005 accept 300.00 EUR
status_is "accept R-005: exit 0" 0
out_has "  ... accepted by this node" "2024-03-01T10:00:00Z  invoice.accepted  R-005    FR00001  300.00 EUR  -"

run ledger apply --config "$CFG" --now 2024-03-01T11:00:00Z invoice R-005 fund
status_is "fund R-005: exit 0" 0
out_has "  ... the advance (70 %)" "2024-03-01T11:00:00Z  invoice.funded  R-005    FR00001        210.00 EUR  -"
out_has "  ... the seller's financing status queued" "2024-03-01T11:00:00Z  message-out     R-005    S-FR-MICHELIN  210.00 EUR  FinancingStatus"

# Options after the operands work as well.
run ledger apply --config "$CFG" --now 2024-03-02T11:00:00Z invoice R-005 pay 100.00 EUR --by debtor
status_is "the debtor pays 100.00 EUR: exit 0" 0
out_has "  ... paid" "2024-03-02T11:00:00Z  invoice.paid  R-005    debtor  100.00 EUR  -"

run ledger apply --config "$CFG" --now 2024-03-02T12:00:00Z --format json --by debtor --rates-of 2024-03-01 \
	invoice R-005 pay 50.00 USD
status_is "the debtor pays 50.00 USD: exit 0" 0
if "$PYTHON3" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert [(x["kind"], x["party"], x["amount"]) for x in r] == [("invoice.payment-currency", "debtor", {"amount": "50.00", "currency": "USD"}), ("invoice.paid", "debtor", {"amount": "46.24", "currency": "EUR"})], r' "$tmp/out"; then
	ok "  ... converted at the ECB rates of 2024-03-01, as json"
else
	not_ok "  ... json"; show
fi

snap before
run ledger apply --config "$CFG" --now 2024-03-02T13:00:00Z --by debtor invoice R-005 pay 500.00 EUR
status_is "an overpayment: exit 1" 1
err_has "  ... the ledger's reason" "ifgw ledger apply: invoice R-005 (partly-paid): pay not allowed: payment of 50000 minor units is larger than the outstanding 15376"
same "  ... the store byte-identical"

# A dispute raised by the debtor, settled for the seller.
run ledger apply --config "$CFG" --now 2024-03-03T09:00:00Z --by debtor invoice R-005 dispute 20.00 EUR
status_is "the debtor disputes 20.00 EUR: exit 0" 0
if grep -q "^2024-03-03T09:00:00Z  invoice\.disputed  *R-005  *debtor  *20\.00 EUR" "$tmp/out"; then
	ok "  ... disputed"
else
	not_ok "  ... disputed"; show
fi
run ledger apply --config "$CFG" --now 2024-03-04T09:00:00Z --outcome seller invoice R-005 settle
status_is "settled for the seller: exit 0" 0
if grep -q "invoice\.dispute-settled  *R-005  *FR00001  *20\.00 EUR" "$tmp/out"; then ok "  ... settled by this node"; else not_ok "  ... settled"; show; fi

# R-001's seller is registered through the partner: its answer is the partner's.
snap before
run ledger apply --config "$CFG" --now 2024-03-04T09:00:00Z seller S-FR-TOTAL accept-registration
status_is "a local registration answer for a partner's seller: exit 1" 1
err_has "  ... the import factor's answer" "ifgw ledger apply: seller S-FR-TOTAL (requested): accept-registration not allowed: the import factor's answer, inbound only (home role with a partner)"
same "  ... the store byte-identical"

run invoices show --config "$CFG" R-005
out_has "show: the dispute settled" "state                dispute-settled"
out_has "show: paid" "paid                 146.24 EUR"
out_has "show: advanced" "advanced             210.00 EUR"

snap before
run ledger apply --config "$CFG" --now 2024-03-02T13:00:00Z invoice R-005 funding-missed
status_is "a timer's event: exit 1" 1
err_has "  ... the tick's" "ifgw ledger apply: invoice R-005: funding-missed not allowed: a timer's, applied by \`ifgw ledger tick\`"
same "  ... the store byte-identical"

run ledger apply --config "$CFG" --now 2024-03-02T13:00:00Z invoice R-404 close
status_is "an unknown invoice: exit 1" 1

# Usage errors.
run ledger apply --config "$CFG" invoice R-005
status_is "no event: exit 2" 2
run ledger apply --config "$CFG" parcel R-005 close
status_is "no such thing: exit 2" 2
run ledger apply --config "$CFG" invoice R-005 explode
status_is "no such event: exit 2" 2
run ledger apply --config "$CFG" invoice R-005 pay 1.00 XYZ
status_is "no such currency: exit 2" 2
run ledger apply --config "$CFG" --outcome nobody invoice R-005 settle
status_is "a bad --outcome: exit 2" 2
run ledger apply --config "$CFG" --help
status_is "--help: exit 0" 0

finish
