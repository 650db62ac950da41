#!/bin/sh
# demo.sh: `make demo` — a short tour: the currency engine on the shipped
# ECB history (currency/data/eurofxref-hist.csv), then the example node
# (examples/ifgw.xml) checking, routing, encoding and signing invoices.  Each step prints a heading,
# the command, and what ifgw answers.  IFGW and IFGW_DATADIR come from the
# Makefile; run by hand with IFGW=./ifgw IFGW_DATADIR=. sh examples/demo.sh
set -u
IFGW=${IFGW:-ifgw}
# The tour uses the shipped rates, not a copy fetched earlier with `ifgw fx fetch`.
demo_home=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-demo.XXXXXX") || exit 1
trap 'rm -rf "$demo_home"' EXIT
XDG_DATA_HOME=$demo_home
export XDG_DATA_HOME
failed=0

step() {
	printf '\n== %s\n' "$1"
}

# show ARGS...: print the command, run it; a failure is a demo failure.
show() {
	echo "\$ ifgw $*"
	"$IFGW" "$@" 2>&1 || { echo "   (unexpected exit status $?)"; failed=1; }
}

# show_error ARGS...: a command that must fail; print its message and status.
show_error() {
	echo "\$ ifgw $*"
	"$IFGW" "$@" 2>&1
	rc=$?
	echo "   (exit status $rc: refused, as it should be)"
	[ "$rc" -eq 1 ] || failed=1
}

echo "ifgw demo: the currency engine, then invoices routed, encoded and signed for partner factors"
echo "(amounts are integers of minor units, rates exact decimals, one rounding at the end)"

step "1. EUR -> JPY at the ECB rate of 13 April 2026"
show fx convert --date 2026-04-13 1000.00 EUR JPY

step "2. USD -> JPY with no option: today's rates, or the latest in the file (with a note if old)"
show fx convert 100.00 USD JPY

step "3. GBP -> CHF, a cross rate through EUR (the ECB quotes both per 1 EUR)"
show fx convert --date 2026-04-10 2500.00 GBP CHF

step "4. A 1999 date: the first ECB publication"
show fx convert --date 1999-01-04 100.00 USD JPY

step "5. A Saturday: the latest publication on or before it is Friday's"
show fx convert --date 2026-04-11 100.00 USD JPY

step "6. Rounding on a tie: 50.00 EUR x 133.73 = 6686.5 JPY"
for mode in half-even half-up toward-zero; do
	show fx convert --date 1999-01-04 --rounding $mode 50.00 EUR JPY
done

step "7. The rates per 1 EUR of a publication"
show fx rates --date 2026-04-13 USD JPY GBP CHF KRW

step "8. An error on purpose: JPY has no minor unit, so 1.5 JPY is refused, not rounded"
show_error fx convert 1.5 JPY EUR

DATA=${IFGW_DATADIR:-.}
CFG=$DATA/examples/ifgw.xml

step "9. A treasury's invoice file, checked (examples/invoices.csv: sellers, debtors, registration numbers)"
show invoices check "$DATA/examples/invoices.csv"

step "10. Where each invoice goes under the French node's routing table (examples/ifgw.xml), and why"
show route --explain --config "$CFG" "$DATA/examples/invoices.csv"

step "11. A message for the Japanese partner: edifactoring, in CP932 (Windows-31J)"
# The sample is a message between two other factors: a node sends only its own,
# from itself (FR00001) to the partner, so address it first.
sed -e '/<Sender>/,/<\/Sender>/s:<Code>[A-Z0-9]*</Code>:<Code>FR00001</Code>:' \
	-e '/<Receiver>/,/<\/Receiver>/s:<Code>[A-Z0-9]*</Code>:<Code>JP00500</Code>:' \
	"$DATA/tests/data/model/remittance.xml" >"$demo_home/remittance.xml"
echo "\$ ifgw adapter encode --config examples/ifgw.xml --partner JP00500 --out msg.xml remittance.xml"
"$IFGW" adapter encode --config "$CFG" --partner JP00500 --out "$demo_home/msg.xml" "$demo_home/remittance.xml" 2>&1 ||
	failed=1
head -n 2 "$demo_home/msg.xml"
echo "   ... $(wc -c <"$demo_home/msg.xml") bytes"

step "12. Signed for the wire (XMLDSig, ECDSA P-256) with a test PKI, verified, then tampered with"
echo "\$ ifgw certs init --dir $demo_home/pki --org Demo --partners JP"
"$IFGW" certs init --dir "$demo_home/pki" --org Demo --partners JP >/dev/null 2>&1 || failed=1
show sign --key "$demo_home/pki/gateway/sign.key" --cert "$demo_home/pki/gateway/sign.crt" \
	--out "$demo_home/signed.xml" "$demo_home/msg.xml"
show verify --trust "$demo_home/pki/gateway/sign.crt" "$demo_home/signed.xml"
sed 's/<SequenceNr>/<SequenceNr>9/' "$demo_home/signed.xml" >"$demo_home/tampered.xml"
show_error verify --trust "$demo_home/pki/gateway/sign.crt" "$demo_home/tampered.xml"

echo
if [ "$failed" -eq 0 ]; then
	echo "demo: done.  More: ifgw --help, man ifgw, README.md"
else
	echo "demo: a step did not behave as described above" >&2
fi
exit "$failed"
