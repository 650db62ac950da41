#!/bin/sh
# messages_cli.sh: `ifgw messages list|show` on a store holding messages
# both ways (made by tests/integration/store_fill through the store's
# interface): the three formats, every filter, the exact bytes of one
# message, how an ID names it, and the refusals; then on a real node, what
# `ifgw invoices submit` queued, shown as the signed bytes that verify.
#
# Environment (set by `make check`): IFGW, top_srcdir, top_builddir, PYTHON3
# (reads the JSON back).
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}" "${top_builddir:?set top_builddir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR
PYTHON3=${PYTHON3:-python3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-messages-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "$top_srcdir/tests/integration/lib.sh"

# The example node with its store beside it, filled.
mkdir "$tmp/node"
sed 's|<Store>[^<]*</Store>|<Store>sqlite:state/ifgw.db</Store>|' "$top_srcdir/examples/ifgw.xml" >"$tmp/node/ifgw.xml"
CFG=$tmp/node/ifgw.xml
DB=sqlite:$tmp/node/state/ifgw.db
if "$top_builddir/tests/integration/store_fill" "$DB"; then ok "store filled"; else not_ok "store_fill failed"; fi
lines() { wc -l <"$tmp/out" | tr -d ' '; }

# --- list: a table for people, oldest first.
run messages list --config "$CFG"
status_is "list: exit 0" 0
out_has "table: the header" "id                             direction  partner  type              msg_id             seq  state    at                    bytes"
out_has "table: the first message, sent" "out:DE00123:FR00001-DE00123-1  out        DE00123  COVER_REQUEST     FR00001-DE00123-1    1  sent     2027-01-04T09:00:00Z     32"
out_has "table: the answer received" "in:DE00123:DE00123-FR00001-1   in         DE00123  COVER_RESPONSE    DE00123-FR00001-1    1  applied  2027-01-04T10:00:00Z     33"
out_has "table: a queued batch, its sequence the corridor's next" "out:DE00123:FR00001-DE00123-2  out        DE00123  ASSIGNMENT_BATCH  FR00001-DE00123-2    2  queued   2027-01-05T08:00:00Z     11"
out_has "table: the last row, inbound after outbound at one time" "in:IT00789:DE00123-FR00001-1   in         IT00789  COVER_RESPONSE    DE00123-FR00001-1    1  applied  2027-01-05T08:00:00Z     33"
if [ "$(lines)" = 6 ]; then ok "table: the header and five messages"; else not_ok "table: $(lines) lines"; show; fi
if [ "$(sed -n 6p "$tmp/out" | cut -c1-3)" = "in:" ]; then ok "table: oldest first"; else not_ok "table order"; show; fi

# --- csv: RFC 4180, CRLF.
CR=$(printf '\r')
run messages list --config "$CFG" --format csv
status_is "csv: exit 0" 0
out_has "csv: the header" "id,direction,partner,type,msg_id,seq,state,at,bytes$CR"
out_has "csv: a row" "out:DE00123:FR00001-DE00123-2,out,DE00123,ASSIGNMENT_BATCH,FR00001-DE00123-2,2,queued,2027-01-05T08:00:00Z,11$CR"

# --- json: one array, read back by Python.
run messages list --config "$CFG" --format json
status_is "json: exit 0" 0
if "$PYTHON3" -c 'import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 5, rows
r = rows[2]
assert list(r) == ["id", "direction", "partner", "type", "msg_id", "seq", "state", "at", "bytes"], list(r)
assert r["id"] == "out:DE00123:FR00001-DE00123-2" and r["seq"] == 2 and r["bytes"] == 11, r
assert r["at"] == "2027-01-05T08:00:00Z" and r["state"] == "queued", r
' "$tmp/out"; then ok "json: valid, five objects, keys in column order, numbers and times"; else not_ok "json"; show; fi

# --- filters.
count() { # DESC WANT ARGS...
	desc=$1 want=$2
	shift 2
	run messages list --config "$CFG" --format csv "$@"
	got=$(($(lines) - 1))
	if [ "$rc" -eq 0 ] && [ "$got" -eq "$want" ]; then ok "$desc: $want"; else not_ok "$desc: $got rows, want $want"; show; fi
}
count "--in" 2 --in
count "--out" 3 --out
count "--partner IT00789 (either way)" 2 --partner IT00789
count "--out --partner DE00123" 2 --out --partner DE00123
count "--type COVER_REQUEST" 2 --type COVER_REQUEST
count "--type ASSIGNMENT_BATCH --in" 0 --type ASSIGNMENT_BATCH --in
count "--from 2027-01-05 (the day on)" 3 --from 2027-01-05
count "--to 2027-01-04 (the whole day)" 2 --to 2027-01-04
count "--from and --to times, inclusive" 2 --from 2027-01-04T09:00:00Z --to 2027-01-04T10:00:00Z
count "--to one second before the second message" 1 --to 2027-01-04T09:59:59Z
count "--partner nobody" 0 --partner XX99999
run messages list --config "$CFG" --partner XX99999
if [ "$(lines)" = 1 ]; then ok "no rows: the table's header alone"; else not_ok "empty table"; show; fi

# --- show: the exact bytes, nothing added.
printf '<B>\000\377\r\n</B>' >"$tmp/batch"
run messages show --config "$CFG" out:DE00123:FR00001-DE00123-2
status_is "show out:...: exit 0" 0
if cmp -s "$tmp/out" "$tmp/batch"; then ok "show: the stored bytes exactly (NUL, 0xFF, CR LF; no newline added)"; else not_ok "show bytes differ"; od -c "$tmp/out" | head; fi
run --store "$DB" messages show in:IT00789:DE00123-FR00001-1
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "<CoverResponse>IT</CoverResponse>" ]; then ok "show in:SENDER:ID, the store by --store"; else not_ok "show in:"; show; fi
run messages show --config "$CFG" FR00001-IT00789-1
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "<CoverRequest>IT</CoverRequest>" ]; then ok "show a bare id that one message has"; else not_ok "show bare id"; show; fi
run messages show --config "$CFG" DE00123-FR00001-1
status_is "show a bare id two senders used: exit 1" 1
err_has "  ... naming both" "ifgw messages show: 'DE00123-FR00001-1' names 2 messages: in:DE00123:DE00123-FR00001-1, in:IT00789:DE00123-FR00001-1; give one of them"
run messages show --config "$CFG" NOPE-1
status_is "show an unknown id: exit 1" 1
err_has "  ... one line" "ifgw messages show: no message NOPE-1 in $DB"
run messages show --config "$CFG" in:DE00123:FR00001-DE00123-1
status_is "show with the wrong direction: exit 1" 1
err_has "  ... one line" "ifgw messages show: store $DB: no inbound message FR00001-DE00123-1 from DE00123"

# --- usage and a missing store.
run messages list --config "$CFG" --in --out
status_is "--in and --out together: exit 2" 2
run messages list --config "$CFG" --format xml
status_is "--format xml: exit 2" 2
err_has "  ... one line" "ifgw messages list: --format: 'xml': expected table, csv or json"
run messages list --config "$CFG" --from 2027-13-01
status_is "a bad --from: exit 2" 2
run messages show --config "$CFG"
status_is "show without an ID: exit 2" 2
run messages list --store "sqlite:$tmp/none.db"
status_is "no store there: exit 1" 1
if [ ! -e "$tmp/none.db" ]; then ok "  ... and none created"; else not_ok "an inquiry created $tmp/none.db"; fi

# --- a real node: what `ifgw invoices submit` queued is listed, and `show`
# gives the signed bytes, which verify against the node's signing
# certificate as its partner would check them.
mkdir "$tmp/fr"
cp "$top_srcdir/tests/data/node/fr-books.xml" "$tmp/fr/ifgw.xml"
cp -R "$top_srcdir/tests/data/node/sellers" "$tmp/fr/sellers"
"$IFGW" --now 2024-02-01 certs init --dir "$tmp/fr/certs" --org "Test" --partners DE,US >/dev/null 2>&1 ||
	{ echo "Bail out! certs init failed"; exit 1; }
FR=$tmp/fr/ifgw.xml
CSV=$top_srcdir/tests/data/route/fr-node.csv
{ head -n 1 "$CSV"; grep -E '^invoice,R-00[15],' "$CSV"; } >"$tmp/good.csv"
run invoices submit --config "$FR" --now 2024-03-01T09:00:00Z "$tmp/good.csv"
status_is "submit two invoices (one export, one domestic): exit 0" 0
run messages list --config "$FR" --format csv
status_is "list on the node: exit 0" 0
if [ "$(lines)" = 3 ] && grep -q "^out:DE00123:FR00001-DE00123-1,out,DE00123,SellerRegistration,FR00001-DE00123-1,1,queued,2024-03-01T09:00:00Z," "$tmp/out" &&
	grep -q "^out:DE00123:FR00001-DE00123-2,out,DE00123,AssignmentBatch,FR00001-DE00123-2,2,queued,2024-03-01T09:00:00Z," "$tmp/out"; then
	ok "the seller's registration, then one assignment batch queued for DE00123 (the domestic invoice sends nothing)"
else
	not_ok "the node's messages"; show
fi
size=$(sed -n 3p "$tmp/out" | tr -d '\r' | cut -d, -f9)
run messages show --config "$FR" out:DE00123:FR00001-DE00123-2
cp "$tmp/out" "$tmp/batch.xml"
if [ "$rc" -eq 0 ] && [ "$(wc -c <"$tmp/batch.xml" | tr -d ' ')" = "$size" ]; then ok "show: as many bytes as the list says ($size)"; else not_ok "show size"; show; fi
run --now 2024-03-01 verify --trust "$tmp/fr/certs/gateway/sign.crt" "$tmp/batch.xml"
status_is "the bytes shown carry the node's valid signature" 0

finish
