#!/bin/sh
# ledger_cli.sh: `ifgw ledger tick` on a real node (tests/data/node/fr-books.xml
# with a fresh test PKI): invoices submitted on a Friday, a tick before the
# funding promise ends applies nothing, a tick after it records the missed
# promise (shown by `invoices show`), a second tick at the same time applies
# nothing more; --now and the output formats; usage errors.
#
# Environment (set by `make check`): IFGW, top_srcdir, PYTHON3.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR
PYTHON3=${PYTHON3:-python3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-ledger-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "$top_srcdir/tests/integration/lib.sh"

mkdir "$tmp/node"
cp "$top_srcdir/tests/data/node/fr-books.xml" "$tmp/node/ifgw.xml"
cp -R "$top_srcdir/tests/data/node/sellers" "$tmp/node/sellers"
"$IFGW" --now 2024-02-01 certs init --dir "$tmp/node/certs" --org "Test" --partners DE,US >/dev/null 2>&1 ||
	{ echo "Bail out! certs init failed"; exit 1; }
CFG=$tmp/node/ifgw.xml
CSV=$top_srcdir/tests/data/route/fr-node.csv
{ head -n 1 "$CSV"; grep -E '^invoice,R-00[15],' "$CSV"; } >"$tmp/good.csv"

# Friday 1 March 2024, 09:00 UTC (10:00 in Paris).  R-001 is funded within
# 24 business hours on the FR calendar: by Monday 4 March 09:00 UTC; R-005
# within 48: by Tuesday 5 March 09:00 UTC.
run invoices submit --config "$CFG" --now 2024-03-01T09:00:00Z "$tmp/good.csv"
status_is "submit: exit 0" 0

run ledger tick --config "$CFG" --now 2024-03-04T08:59:59Z
status_is "tick before the promise ends: exit 0" 0
out_has "  ... the table header only" "time  kind  subject  actor"
err_has "  ... nothing applied" "ifgw ledger tick: 0 transitions applied at 2024-03-04T08:59:59Z"

run ledger tick --config "$CFG" --now 2024-03-04T12:00:00Z
status_is "tick after R-001's promise: exit 0" 0
out_has "  ... R-001's funding missed" "2024-03-04T12:00:00Z  invoice.funding-missed  R-001    ledger-tick"
if ! grep -q "R-005" "$tmp/out"; then ok "  ... R-005 still within its 48 hours"; else not_ok "R-005 ticked"; show; fi
err_has "  ... one applied" "ifgw ledger tick: 1 transition applied at 2024-03-04T12:00:00Z"

run ledger tick --config "$CFG" --now 2024-03-04T12:00:00Z
err_has "the same tick again applies nothing" "ifgw ledger tick: 0 transitions applied at 2024-03-04T12:00:00Z"

run invoices show --config "$CFG" R-001
out_has "show: the promise missed" "funding_missed       yes"
out_has "show: funding state" "funding              missed"
if grep -q "^ *[0-9]*  2024-03-04T12:00:00Z  invoice.funding-missed  ledger-tick\$" "$tmp/out"; then
	ok "show: the tick in the history, with its time"
else
	not_ok "show: the tick in the history"; show
fi

# The global --now sets the time as well; json output.
run --now 2024-03-06 ledger tick --config "$CFG" --format json
status_is "tick at the global --now: exit 0" 0
if "$PYTHON3" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert [(x["kind"], x["subject"], x["time"]) for x in r] == [("invoice.funding-missed", "R-005", "2024-03-06T00:00:00Z")], r' "$tmp/out"; then
	ok "  ... R-005's promise missed, as json"
else
	not_ok "  ... json"; show
fi
run invoices list --config "$CFG" --format csv
if [ "$(grep -c ',assigned,' "$tmp/out")" -eq 2 ]; then ok "a missed promise leaves the invoices assigned"; else not_ok "states"; show; fi

# Usage errors.
run ledger tick --config "$CFG" --now yesterday
status_is "a bad --now: exit 2" 2
err_has "  ... says what it wants" "ifgw ledger tick: --now 'yesterday': want YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD (see 'ifgw ledger tick --help')"
run ledger tick --config "$CFG" --format xml
status_is "a bad --format: exit 2" 2
run ledger tick --config "$CFG" extra
status_is "an argument: exit 2" 2
run ledger tick --config "$tmp/none.xml"
status_is "no configuration: exit 1" 1

finish
