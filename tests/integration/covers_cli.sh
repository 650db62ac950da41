#!/bin/sh
# covers_cli.sh: `ifgw covers request | list | show` on a real node
# (tests/data/node/fr-books.xml with a fresh test PKI): bad applications
# (unknown seller, a request number already in the books, no buyer name)
# refused whole with the store left byte for byte as it was; good ones
# recorded in one run, the export seller's request queued for its partner
# as signed bytes (`ifgw verify` on `ifgw messages show`), the domestic
# seller's kept at home; list and show in table and json.
#
# Environment (set by `make check`): IFGW, top_srcdir, PYTHON3 (checks the
# JSON output parses).
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR
PYTHON3=${PYTHON3:-python3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-covers.XXXXXX") || exit 1
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
T0=2024-03-01T09:00:00Z

# application NR SELLER BUYER-NR BUYER-NAME COUNTRY AMOUNT: a canonical CoverRequest
application() {
	cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<CoverRequest xmlns="urn:ifgw:canonical:1">
  <Header>
    <Id>$1</Id>
    <Sender><Code>FR00001</Code></Sender>
    <Receiver><Code>FR00001</Code></Receiver>
    <SenderRole>export-factor</SenderRole>
    <Sequence>1</Sequence>
    <Created>2024-03-01T09:00:00Z</Created>
  </Header>
  <Kind>new</Kind>
  <RequestNr>$1</RequestNr>
  <RequestDate>2024-03-01</RequestDate>
  <Seller>
    <Nr>$2</Nr>
  </Seller>
  <Buyer>
    <Nr>$3</Nr>
$4    <Street>Hauptstraße 5</Street>
    <City>Frankfurt am Main</City>
    <Postcode>60311</Postcode>
    <Country>$5</Country>
  </Buyer>
  <Amount Ccy="EUR">$6</Amount>
  <Terms>
    <NetDays>60</NetDays>
  </Terms>
</CoverRequest>
EOF
}
application C-001 S-FR-TOTAL "HRB 6684" "    <Name>Feinkost Müller GmbH</Name>
" DE 50000.00 >"$tmp/c1.xml"
application C-002 S-FR-MICHELIN 441639465 "    <Name>Garage Dupont SARL</Name>
" FR 8000.00 >"$tmp/c2.xml"
application C-003 S-XX-NOBODY "HRB 1" "    <Name>Someone GmbH</Name>
" DE 10.00 >"$tmp/unknown.xml"
application C-004 S-FR-TOTAL "HRB 2" "" DE 10.00 >"$tmp/noname.xml"
application C-001 S-FR-TOTAL "HRB 3" "    <Name>Other GmbH</Name>
" DE 10.00 >"$tmp/dup.xml"

# --- the good applications: one row each, requested
run covers request --config "$CFG" --now "$T0" "$tmp/c1.xml" "$tmp/c2.xml"
status_is "good applications: exit 0" 0
out_has "header" "id     seller         debtor     partner        amount  state"
out_has "C-001: export seller, to DE00123" "C-001  S-FR-TOTAL     HRB 6684   DE00123  50000.00 EUR  requested"
out_has "C-002: domestic seller, no partner" "C-002  S-FR-MICHELIN  441639465  -         8000.00 EUR  requested"

# --- queued for DE00123 as signed bytes; the domestic cover sends nothing
run messages list --config "$CFG" --out --type CoverRequest --format csv
if [ "$rc" -eq 0 ] && [ "$(grep -c '^out:' "$tmp/out")" -eq 1 ] &&
	grep -q "^out:DE00123:FR00001-DE00123-1,out,DE00123,CoverRequest,FR00001-DE00123-1,1,queued," "$tmp/out"; then
	ok "one CoverRequest queued, for DE00123"
else
	not_ok "the queued CoverRequest"; show
fi
run messages show --config "$CFG" out:DE00123:FR00001-DE00123-1
cp "$tmp/out" "$tmp/msg.xml"
if grep -q "<MSG05 " "$tmp/msg.xml" && grep -q "Feinkost" "$tmp/msg.xml"; then
	ok "the request is an edifactoring MSG05 naming the buyer"
else
	not_ok "MSG05"; show
fi
run --now 2024-03-01 verify --trust "$tmp/node/certs/gateway/sign.crt" "$tmp/msg.xml"
status_is "the bytes queued carry the node's valid signature" 0

# --- bad applications: every problem named, nothing changes
cp "$DB" "$tmp/before.db"
run covers request --config "$CFG" --now "$T0" "$tmp/unknown.xml" "$tmp/noname.xml" "$tmp/dup.xml"
status_is "bad applications: exit 1" 1
err_has "an unknown seller" "ifgw covers request: $tmp/unknown.xml: seller S-XX-NOBODY: not a seller this node factors"
err_has "no buyer name, with FILE:LINE" \
	"ifgw covers request: $tmp/noname.xml:17: CoverRequest/Buyer/Name: required, missing"
err_has "a request number in the books" \
	"ifgw covers request: $tmp/dup.xml: request C-001 is already in the books (cover ids are unique in a node)"
err_has "the summary" "ifgw covers request: 3 problems in 3 files: nothing requested"
if [ ! -s "$tmp/out" ]; then ok "nothing on stdout"; else not_ok "stdout not empty"; show; fi
if cmp -s "$DB" "$tmp/before.db"; then ok "the store is byte for byte as it was"; else not_ok "the store changed"; fi
# one good file beside a bad one: refused whole as well
application C-005 S-FR-TOTAL "HRB 5" "    <Name>Five GmbH</Name>
" DE 10.00 >"$tmp/c5.xml"
run covers request --config "$CFG" --now "$T0" "$tmp/c5.xml" "$tmp/noname.xml"
status_is "a good file with a bad one: exit 1" 1
if cmp -s "$DB" "$tmp/before.db"; then ok "  ... and nothing recorded"; else not_ok "the store changed"; fi

# the same request number twice in one run
run covers request --config "$CFG" --now "$T0" "$tmp/c5.xml" "$tmp/c5.xml"
err_has "a request twice in one run" "ifgw covers request: $tmp/c5.xml: request C-005 is also in $tmp/c5.xml"
if [ "$rc" -eq 1 ] && cmp -s "$DB" "$tmp/before.db"; then ok "  ... exit 1, nothing recorded"; else not_ok "twins"; fi
# what the partner's format requires beyond the check (MSG05: the buyer's street): the
# composer refuses inside the transaction, which is rolled back
grep -v '<Street>' "$tmp/c5.xml" >"$tmp/nostreet.xml"
run covers request --config "$CFG" --now "$T0" "$tmp/nostreet.xml"
status_is "a request the partner's format cannot carry: exit 1" 1
if grep -q "^ifgw covers request: $tmp/nostreet.xml: C-005: outbox: .*MSG05/Buyer/Street: required by MSG05" "$tmp/err"; then
	ok "  ... the composer's reason"
else
	not_ok "  ... the composer's reason"; show
fi
if cmp -s "$DB" "$tmp/before.db"; then ok "  ... rolled back: the store as it was"; else not_ok "the store changed"; fi

# --- list and show
run covers list --config "$CFG"
status_is "list: exit 0" 0
out_has "list header" "id     seller         debtor     partner  state         requested   granted  updated"
out_has "list C-001" "C-001  S-FR-TOTAL     HRB 6684   DE00123  requested  50000.00 EUR  0.00 EUR  2024-03-01T09:00:00Z"
run covers list --config "$CFG" --partner DE00123 --format csv
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$tmp/out" | tr -d ' ')" -eq 2 ] && grep -q "^C-001,S-FR-TOTAL," "$tmp/out"; then
	ok "list --partner: only DE00123's cover"
else
	not_ok "list --partner"; show
fi
run covers list --config "$CFG" --state approved
if [ "$rc" -eq 0 ] && ! grep -q "^C-00" "$tmp/out"; then ok "list --state approved: none"; else not_ok "--state"; show; fi
run covers list --config "$CFG" --state nonsense
status_is "list --state nonsense: usage (exit 2)" 2
run covers list --config "$CFG" --format json
if [ "$rc" -eq 0 ] && "$PYTHON3" -c 'import json,sys
rows = json.load(open(sys.argv[1]))
assert [r["id"] for r in rows] == ["C-001", "C-002"], rows
assert rows[1]["partner"] is None and rows[0]["requested"] == {"amount": "50000.00", "currency": "EUR"}, rows' "$tmp/out"; then
	ok "list json"
else
	not_ok "list json"; show
fi
run covers show --config "$CFG" C-001
status_is "show: exit 0" 0
out_has "show: the state" "state           requested"
out_has "show: the debtor's country" "debtor_country  DE"
out_has "show: not unanswered yet" "unanswered      no"
out_has "show: the request in the history" "    3  2024-03-01T09:00:00Z  cover.requested  seller"
run covers show --config "$CFG" --format json C-002
if [ "$rc" -eq 0 ] && "$PYTHON3" -c 'import json,sys
d = json.load(open(sys.argv[1]))
c = d["cover"][0]
assert c["id"] == "C-002" and c["partner"] is None and c["state"] == "requested" and c["expiry"] is None, c
assert c["requested"] == {"amount": "8000.00", "currency": "EUR"}, c
assert "cover.requested" in [h["kind"] for h in d["history"]], d["history"]' "$tmp/out"; then
	ok "show json"
else
	not_ok "show json"; show
fi
run covers show --config "$CFG" C-404
status_is "show: no such cover (exit 1)" 1
err_has "  ... says so" "ifgw covers show: cover C-404: not in the books"

finish
