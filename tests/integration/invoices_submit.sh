#!/bin/sh
# invoices_submit.sh: `ifgw invoices submit | list | show` on a real node
# (tests/data/node/fr-books.xml with a fresh test PKI) and the sample
# invoices of tests/data/route/fr-node.csv: a file with problems refused
# whole with FILE:LINE reasons and the store left byte for byte as it was,
# the good invoices submitted in one run, listed with filters and shown
# with their history, a second submission of the same invoices refused,
# and the output formats.
#
# Environment (set by `make check`): IFGW, top_srcdir, PYTHON3 (checks the
# JSON output parses).
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR
PYTHON3=${PYTHON3:-python3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-submit.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "$top_srcdir/tests/integration/lib.sh"

# The node: its configuration, certificates beside it, the store in state/.
mkdir "$tmp/node"
cp "$top_srcdir/tests/data/node/fr-books.xml" "$tmp/node/ifgw.xml"
cp -R "$top_srcdir/tests/data/node/sellers" "$tmp/node/sellers"
"$IFGW" --now 2024-02-01 certs init --dir "$tmp/node/certs" --org "Test" --partners DE,US >/dev/null 2>&1 ||
	{ echo "Bail out! certs init failed"; exit 1; }
CFG=$tmp/node/ifgw.xml
DB=$tmp/node/state/fr.db
CSV=$top_srcdir/tests/data/route/fr-node.csv
T0=2024-03-01T09:00:00Z

# The good invoices of the sample file: R-001 (export to DE, EUR) and
# R-005 (confidential, domestic), with the file's header.
{ head -n 1 "$CSV"; grep -E '^invoice,R-00[15],' "$CSV"; } >"$tmp/good.csv"

# --- the whole sample file: every problem named, nothing submitted
run invoices submit --config "$CFG" --now "$T0" "$CSV"
status_is "a file with problems: exit 1" 1
err_has "unknown seller, with FILE:LINE" \
	"ifgw invoices submit: $CSV:5: R-004: seller Eni S.p.A. (IT 00905811006): not a seller this node factors"
err_has "an invoice in another currency than its contract's" \
	"ifgw invoices submit: $CSV:3: R-002: seller S-FR-TOTAL: its contract fixes its amounts in EUR, the invoice is in USD"
if grep -q "^ifgw invoices submit: $CSV:3: R-002: routes to US00900 (.*), the contract of seller S-FR-TOTAL is with DE00123\$" "$tmp/err"; then
	ok "a route to another partner than the contract's"
else
	not_ok "a route to another partner than the contract's"; show
fi
err_has "no route" "ifgw invoices submit: $CSV:4: R-003: no route: no export route for debtor in PL in $CFG"
err_has "a credit note" \
	"ifgw invoices submit: $CSV:7: R-006: a credit note is not submitted: it credits its invoice (not yet a command)"
err_has "the summary" "ifgw invoices submit: 6 problems in 4 of 6 invoices: nothing submitted"
if [ ! -s "$tmp/out" ]; then ok "nothing on stdout"; else not_ok "stdout not empty"; show; fi

# --- an export seller new to the books with nothing to present to its partner: refused
sed '/<Registration /d' "$CFG" >"$tmp/node/noreg.xml"
run invoices submit --config "$tmp/node/noreg.xml" --store "sqlite:$tmp/noreg.db" --now "$T0" "$tmp/good.csv"
status_is "a seller that cannot be registered: exit 1" 1
err_has "  ... says why, with FILE:LINE" \
	"ifgw invoices submit: $tmp/good.csv:2: R-001: seller S-FR-TOTAL is not registered with DE00123 yet and has no registration to present (Seller/Registration)"

# --- the good invoices: one row each, assigned
run invoices submit --config "$CFG" --now "$T0" "$tmp/good.csv"
status_is "good invoices: exit 0" 0
out_has "header" "id     seller         debtor     partner         amount  due         state"
out_has "R-001: export, to DE00123, assigned" \
	"R-001  S-FR-TOTAL     HRB 6684   DE00123  125000.00 EUR  2024-04-30  assigned"
out_has "R-005: confidential, no partner, assigned" \
	"R-005  S-FR-MICHELIN  441639465  -           300.00 EUR  2024-05-04  assigned"
if [ -s "$DB" ]; then ok "the store is the configuration's"; else not_ok "no $DB"; fi
# Queued for DE00123: the seller's registration first (its first invoice), then one batch, each
# composed, encoded (edifactoring) and signed; the domestic seller and invoice send nothing to a partner.
if "$PYTHON3" -c 'import sqlite3,sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT partner, msg_type, msg_id, seq, state, payload FROM ifgw_outbox ORDER BY seq").fetchall()
assert [r[:5] for r in rows] == [("DE00123", "SellerRegistration", "FR00001-DE00123-1", 1, "queued"),
                                 ("DE00123", "AssignmentBatch", "FR00001-DE00123-2", 2, "queued")], [r[:5] for r in rows]
p = rows[1][5]
assert b"<MSG09 " in p and b"Signature" in p and b"R-001" in p and b"R-005" not in p, p[:200]
assert b"Signature" in rows[0][5] and b"S-FR-TOTAL" in rows[0][5]
sellers = db.execute("SELECT id, state, partner FROM ifgw_sellers ORDER BY id").fetchall()
assert sellers == [("S-FR-MICHELIN", "registered", ""), ("S-FR-TOTAL", "requested", "DE00123")], sellers' "$DB"; then
	ok "the registration, then one signed batch with R-001 only, queued for DE00123; sellers in the books"
else
	not_ok "the outbox after submit"
fi

# --- a bad file now changes nothing: the store stays byte for byte the same
cp "$DB" "$tmp/before.db"
run invoices submit --config "$CFG" --now 2024-03-02T09:00:00Z "$CSV"
status_is "the sample file again: exit 1" 1
if cmp -s "$DB" "$tmp/before.db"; then ok "refused: the store is unchanged"; else not_ok "the store changed"; fi
run invoices submit --config "$CFG" --now 2024-03-02T09:00:00Z "$tmp/good.csv"
status_is "the same invoices again: exit 1" 1
err_has "  ... already in the books" \
	"ifgw invoices submit: $tmp/good.csv:2: R-001: already in the books (invoice ids are unique in a node)"
if cmp -s "$DB" "$tmp/before.db"; then ok "  ... the store is unchanged"; else not_ok "the store changed"; fi
run invoices submit --config "$CFG" --now 2024-03-02T09:00:00Z "$top_srcdir/tests/data/invoices/bad/missing-fields.csv"
status_is "a file that does not pass the checks: exit 1" 1
if grep -q "^ifgw invoices submit: nothing submitted\$" "$tmp/err" && grep -q "missing-fields.csv:[0-9]*: " "$tmp/err"; then
	ok "  ... its problems with FILE:LINE, nothing submitted"
else
	not_ok "  ... its problems with FILE:LINE, nothing submitted"; show
fi
if cmp -s "$DB" "$tmp/before.db"; then ok "  ... the store is unchanged"; else not_ok "the store changed"; fi

# --- list, with filters and formats
run invoices list --config "$CFG"
status_is "list: exit 0" 0
if [ "$(grep -c '  assigned  ' "$tmp/out")" -eq 2 ]; then ok "list: both invoices"; else not_ok "list: both invoices"; show; fi
run invoices list --config "$CFG" --partner DE00123 --format csv
tr -d '\r' <"$tmp/out" >"$tmp/out.lf" && mv "$tmp/out.lf" "$tmp/out" # CSV lines end in CRLF (RFC 4180)
out_has "list --partner, csv: the export invoice" \
	"R-001,S-FR-TOTAL,HRB 6684,DE00123,assigned,125000.00,EUR,0.00,EUR,0.00,EUR,125000.00,EUR,0.00,EUR,2024-04-30,2024-03-01T09:00:00Z"
if [ "$(wc -l <"$tmp/out")" -eq 2 ]; then ok "  ... and only it"; else not_ok "  ... and only it"; show; fi
run invoices list --config "$CFG" --seller S-FR-MICHELIN --format json
if "$PYTHON3" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert [x["id"] for x in r] == ["R-005"], r; assert r[0]["amount"] == {"amount": "300.00", "currency": "EUR"}; assert r[0]["partner"] is None' "$tmp/out"; then
	ok "list --seller, json: R-005, money exact"
else
	not_ok "list --seller, json"; show
fi
run invoices list --config "$CFG" --state funded
status_is "list --state funded: exit 0" 0
if ! grep -q "R-00" "$tmp/out"; then ok "  ... none funded"; else not_ok "  ... none funded"; show; fi
run invoices list --config "$CFG" --state sleeping
status_is "list --state not a state: exit 2" 2

# --- show: state, figures, history with times
run invoices show --config "$CFG" R-001
status_is "show: exit 0" 0
out_has "show: state" "state                assigned"
out_has "show: amount" "amount               125000.00 EUR"
out_has "show: funding promise (24 business hours on the FR calendar)" "funding_due          2024-03-04T09:00:00Z"
if grep -q "^ *[0-9]*  $T0  invoice.assigned  *seller\$" "$tmp/out" &&
	grep -q "^ *[0-9]*  $T0  document-in  *-\$" "$tmp/out"; then
	ok "show: history with times (the document kept, the assignment)"
else
	not_ok "show: history"; show
fi
out_has "show: its message, the batch queued for DE00123" \
	"$T0  out        DE00123  AssignmentBatch  FR00001-DE00123-2    2  queued"
run invoices show --config "$CFG" --format json R-005
if "$PYTHON3" -c 'import json,sys; r=json.load(open(sys.argv[1])); i=r["invoice"][0]; assert i["state"] == "assigned" and i["partner"] is None, i; assert [h["kind"] for h in r["history"]] == ["document-in", "invoice.recorded", "invoice.assigned"], r["history"]; assert r["messages"] == [] and r["letters"] == [], r' "$tmp/out"; then
	ok "show --format json: one object, invoice and history; a domestic invoice has no partner messages"
else
	not_ok "show --format json"; show
fi
run invoices show --config "$CFG" R-404
status_is "show an unknown invoice: exit 1" 1
err_has "  ... says so" "ifgw invoices show: invoice R-404: not in the books"

finish
