#!/bin/sh
# route_cli.sh: `ifgw route --explain` on the example node (examples/ifgw.xml,
# the French export factor): every product rule, the partner priorities, the
# wire format and charset per partner, refusals with their reason, and the
# exit statuses.
#
# Environment (set by `make check`): IFGW, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-route-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "$top_srcdir/tests/integration/lib.sh"

CFG=$top_srcdir/examples/ifgw.xml
CSV=$top_srcdir/tests/data/route/fr-node.csv
TAB=$(printf '\t')

# line NUMBER: the output line of that document, columns 2.. (FILE:LINE dropped)
line() { awk -F "$TAB" -v n="$1" '$2 == n { print substr($0, length($1) + 2) }' "$tmp/out"; }

# expect_line DESC NUMBER PREFIX: the document's line starts with PREFIX (tab-separated columns)
expect_line() {
	got=$(line "$2")
	case "$got" in
	"$3"*) ok "$1" ;;
	*) not_ok "$1"; echo "  # want: $3"; echo "  # got:  $got" ;;
	esac
}

run route --explain --config "$CFG" "$CSV"
if [ "$rc" -eq 1 ]; then ok "a document without a route: exit 1"; else not_ok "exit 1 expected"; show; fi
expect_line "export to DE: priority 1 partner, edifactoring in the DE charset" R-001 \
	"R-001${TAB}export${TAB}DE${TAB}DE00123${TAB}edifactoring${TAB}ISO-8859-1${TAB}export: debtor in DE -> DE00123"
expect_line "export to US: ISO 20022 in UTF-8" R-002 \
	"R-002${TAB}export${TAB}US${TAB}US00900${TAB}iso20022${TAB}UTF-8${TAB}"
expect_line "export to PL: no route, with the reason" R-003 \
	"R-003${TAB}export${TAB}PL${TAB}-${TAB}-${TAB}-${TAB}refused: no export route for debtor in PL"
expect_line "IFP: the selling entity's country decides" R-004 \
	"R-004${TAB}ifp${TAB}FR${TAB}IT00077${TAB}edifactoring${TAB}WINDOWS-1252${TAB}ifp: selling entity in IT"
expect_line "confidential: home, no notice of assignment" R-005 \
	"R-005${TAB}confidential${TAB}FR${TAB}home${TAB}-${TAB}-${TAB}confidential: domestic factoring, stays with the home factor FR00001 (no notice of assignment to the debtor)"
expect_line "no product in the file: inferred from the debtor's country" R-006 \
	"R-006${TAB}export${TAB}DE${TAB}DE00123${TAB}"
if grep -q "R-006.*\[product inferred: debtor abroad\]" "$tmp/out"; then ok "inference is said"; else not_ok "inference is said"; show; fi
if [ "$(cat "$tmp/err")" = "ifgw route: 1 of 6 documents have no route" ]; then ok "stderr: one summary line"; else not_ok "stderr summary"; show; fi

run route --explain --config "$CFG" --product classic "$CSV"
expect_line "--product applies where the file gives none" R-006 "R-006${TAB}classic${TAB}DE${TAB}home${TAB}"
expect_line "the file's product wins over --product" R-001 "R-001${TAB}export${TAB}DE${TAB}DE00123${TAB}"

# A file whose documents all have a route: exit 0.
grep -v '^invoice,R-003' "$CSV" >"$tmp/routable.csv"
run route --explain --config "$CFG" "$tmp/routable.csv"
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 5 ] && [ ! -s "$tmp/err" ]; then
	ok "every document routed: exit 0, five lines, nothing on stderr"
else
	not_ok "every document routed"; show
fi

# Invalid input: refused whole with the problem and its place.
printf 'doc_type,number,issue_date,due_date,currency,amount,seller_name,seller_country,seller_reg_nr,debtor_name,debtor_country\ninvoice,X-1,2024-03-01,2024-02-01,EUR,1.5,S,FR,542051180,D,DE\ninvoice,X-2,2024-03-01,2024-04-01,JPY,1.5,S,FR,542051180,D,DE\n' >"$tmp/bad.csv"
run route --explain --config "$CFG" "$tmp/bad.csv"
if [ "$rc" -eq 1 ] && grep -q "bad.csv:2: due_date" "$tmp/err" && grep -q "bad.csv:3: amount" "$tmp/err" && [ ! -s "$tmp/out" ]; then
	ok "invalid file: every problem with file, line and field; nothing routed"
else
	not_ok "invalid file"; show
fi

# Configuration problems.
run route --explain --config "$tmp/none.xml" "$CSV"
if [ "$rc" -eq 1 ] && grep -q "none.xml: cannot open" "$tmp/err" && [ "$(wc -l <"$tmp/err")" -eq 1 ]; then
	ok "missing configuration: one line, exit 1"
else
	not_ok "missing configuration"; show
fi
sed 's/partner="IT00077"/partner="IT00078"/' "$CFG" >"$tmp/badref.xml"
run route --explain --config "$tmp/badref.xml" "$CSV"
if [ "$rc" -eq 1 ] && grep -q "badref.xml:[0-9]*: .*IT00078" "$tmp/err"; then
	ok "route to an unconfigured partner: refused with the line"
else
	not_ok "route to an unconfigured partner"; show
fi

# Usage.
run route "$CSV"
if [ "$rc" -eq 2 ] && grep -q "give --explain" "$tmp/err"; then ok "no --explain: usage error"; else not_ok "no --explain"; show; fi
run route --explain --config "$CFG" --product factoring "$CSV"
if [ "$rc" -eq 2 ]; then ok "bad --product: usage error"; else not_ok "bad --product"; show; fi
run route --explain --config "$CFG"
if [ "$rc" -eq 2 ]; then ok "no FILE: usage error"; else not_ok "no FILE"; show; fi
run route --help
if [ "$rc" -eq 0 ] && grep -q "usage: ifgw route --explain" "$tmp/out"; then ok "--help"; else not_ok "--help"; show; fi

finish
