#!/bin/sh
# adapter_cli.sh: `ifgw adapter encode/decode/list` as a partner's onboarding
# would run them on the example node (examples/ifgw.xml): each partner's
# format and charset (bytes checked with the iconv command, not ifgw's own
# conversion), the fallback format for messages ISO 20022 cannot carry,
# splitting, decode refusals with their reason, and exit statuses.
#
# Environment (set by `make check`): IFGW, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-adapter-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "$top_srcdir/tests/integration/lib.sh"

CFG=$top_srcdir/examples/ifgw.xml
S=$top_srcdir/tests/data/model

# check DESC CONDITION...: ok when the condition holds, else show the last run.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; show; fi
}
status() { [ "$rc" -eq "$1" ]; }
one_err_line() { [ "$(wc -l <"$tmp/err")" -eq 1 ]; }
has_err() { grep -q -- "$1" "$tmp/err"; }
# addressed SAMPLE FROM TO: the sample with its header's sender and receiver
# replaced (the samples name other factors, FR00456 -> DE00123 ...: a node
# sends only its own messages, from itself to the partner).
addressed() {
	sed -e "/<Sender>/,/<\/Sender>/s:<Code>[A-Z0-9]*</Code>:<Code>$2</Code>:" \
		-e "/<Receiver>/,/<\/Receiver>/s:<Code>[A-Z0-9]*</Code>:<Code>$3</Code>:" "$S/$1" >"$tmp/$1.$2-$3"
	echo "$tmp/$1.$2-$3"
}

# 1. edifactoring to the German partner, in ISO-8859-1
run adapter encode --config "$CFG" --partner DE00123 --out "$tmp/de.xml" "$(addressed seller-registration.xml FR00001 DE00123)"
check "DE00123: encoded" status 0
check "DE00123: MSG01 declared in ISO-8859-1" grep -q '^<?xml version="1.0" encoding="ISO-8859-1"?>' "$tmp/de.xml"
check "DE00123: MSG01 root" grep -q '<MSG01 xmlns="urn:schemas-edifactoring-com:MSG01">' "$tmp/de.xml"
# The bytes are ISO-8859-1: iconv reads them, and the UTF-8 form has the same text.
check "DE00123: bytes are valid ISO-8859-1 and hold the seller's name" \
	sh -c "iconv -f ISO-8859-1 -t UTF-8 '$tmp/de.xml' | grep -q \"\$(sed -n 's:.*<Name>\\(.*\\)</Name>.*:\\1:p' '$S/seller-registration.xml' | head -n 1 | cut -c1-20)\""
# our own message read back (no configuration: no parties checked)
run adapter decode --country DE --out "$tmp/back.xml" "$tmp/de.xml"
check "DE00123: decoded" status 0
run adapter encode --config "$CFG" --partner DE00123 "$tmp/back.xml"
check "DE00123: the decoded message encodes to the same bytes" cmp -s "$tmp/out" "$tmp/de.xml"

# 1b. Messages name their parties (the network relies on it against
# misaddressed and spoofed messages).
run adapter encode --config "$CFG" --partner JP00500 "$S/remittance.xml"
check "a message FR00456 -> DE00123 is not sent as FR00001 -> JP00500: exit 1" status 1
check "... naming the sender and this node, in one line" sh -c "grep -q 'names sender FR00456, not this node FR00001' '$tmp/err' && [ \$(wc -l <'$tmp/err') -eq 1 ]"
run adapter encode --config "$CFG" --partner JP00500 "$(addressed remittance.xml FR00001 DE00123)"
check "from this node but to another partner: refused" sh -c "[ $rc -eq 1 ] && grep -q 'names receiver DE00123, not partner JP00500' '$tmp/err'"
run adapter decode --config "$CFG" --partner DE00123 "$tmp/de.xml"
check "our own message to DE00123 is not accepted as one from it" sh -c "[ $rc -eq 1 ] && grep -q 'names sender FR00001, not partner DE00123' '$tmp/err'"
run adapter encode --country DE --out "$tmp/third.xml" "$S/payment.xml"
run adapter decode --config "$CFG" --partner DE00123 "$tmp/third.xml"
check "a message from a third factor to a third node: refused" sh -c "[ $rc -eq 1 ] && grep -q 'names sender FR00456, not partner DE00123' '$tmp/err'"
run adapter encode --country DE --out "$tmp/from-de.xml" "$(addressed payment.xml DE00123 JP00311)"
run adapter decode --config "$CFG" --partner DE00123 "$tmp/from-de.xml"
check "from DE00123 to another node: refused" sh -c "[ $rc -eq 1 ] && grep -q 'names receiver JP00311, not this node FR00001' '$tmp/err'"
run adapter encode --country DE --out "$tmp/from-de.xml" "$(addressed payment.xml DE00123 FR00001)"
run adapter decode --config "$CFG" --partner DE00123 "$tmp/from-de.xml"
check "from DE00123 to this node: accepted" sh -c "[ $rc -eq 0 ] && grep -q '<Payment ' '$tmp/out'"

# 1c. The dispute samples say who sends them (SenderRole), as edifactoring needs
for f in dispute-notice dispute-status; do
	run adapter encode --country DE "$S/$f.xml"
	check "$f: encodes as it is" sh -c "[ $rc -eq 0 ] && grep -q '<MSG1[45] ' '$tmp/out'"
done

# 2. CP932 (declared Windows-31J) to the Japanese partner (docs/adapters.md: Japan)
run adapter encode --config "$CFG" --partner JP00500 --out "$tmp/jp.xml" "$(addressed remittance.xml FR00001 JP00500)"
check "JP00500: encoded" status 0
check "JP00500: declared Windows-31J" grep -q 'encoding="Windows-31J"' "$tmp/jp.xml"
check "JP00500: bytes decode as WINDOWS-31J with iconv" sh -c "iconv -f WINDOWS-31J -t UTF-8 '$tmp/jp.xml' >/dev/null"
run adapter decode --country JP "$tmp/jp.xml"
check "JP00500: decoded to canonical XML" grep -q '<Remittance xmlns="urn:ifgw:canonical:1">' "$tmp/out"

# 3. ISO 20022 to the US partner, with its edifactoring fallback for payments
run adapter encode --config "$CFG" --partner US00900 "$(addressed assignment-batch.xml FR00001 US00900)"
check "US00900: assignment batch as ISO 20022 tsin.006" grep -q 'tsin.006.001.01' "$tmp/out"
run adapter encode --config "$CFG" --partner US00900 --out "$tmp/us-pay.xml" "$(addressed payment.xml FR00001 US00900)"
check "US00900: a payment goes in the fallback format" grep -q '<MSG11 ' "$tmp/us-pay.xml"
run adapter encode --country US --adapter edifactoring --out "$tmp/us-pay-in.xml" "$(addressed payment.xml US00900 FR00001)"
run adapter decode --config "$CFG" --partner US00900 "$tmp/us-pay-in.xml"
check "US00900: the fallback message decodes" status 0
run adapter encode --config "$CFG" --partner DE00456 "$(addressed payment.xml FR00001 DE00456)"
check "DE00456 (ISO 20022, no fallback): payment refused, exit 1" status 1
check "... naming the partner, format and type" has_err "partner DE00456 speaks iso20022, which cannot carry Payment, and has no fallback"
run adapter encode --config "$CFG" --partner JP00500 "$(addressed financing-request.xml FR00001 JP00500)"
check "edifactoring cannot carry a financing request: exit 1, one line" sh -c "[ $rc -eq 1 ] && [ \$(wc -l <'$tmp/err') -eq 1 ]"

# 4. Splitting: a batch in two currencies is two MSG09
run adapter encode --country DE "$S/assignment-batch.xml"
check "a split without --out: usage, exit 2" status 2
check "... says why" has_err "needs 2 edifactoring messages: give --out FILE"
run adapter encode --country DE --out "$tmp/split.xml" "$S/assignment-batch.xml"
check "with --out: two files" sh -c "[ $rc -eq 0 ] && [ -s '$tmp/split.xml.1' ] && [ -s '$tmp/split.xml.2' ]"

# 5. Decode refusals: each one line with the reason
sed 's:<TotAmtInvoices>[0-9.]*</TotAmtInvoices>:<TotAmtInvoices>1.00</TotAmtInvoices>:' "$tmp/split.xml.1" >"$tmp/bad-total.xml"
run adapter decode --country DE "$tmp/bad-total.xml"
check "control total changed: refused" sh -c "[ $rc -eq 1 ] && grep -q 'control total mismatch' '$tmp/err'"
check "... in one line" one_err_line
seq=$(sed -n 's:.*<SequenceNr>\([0-9]*\)</SequenceNr>.*:\1:p' "$tmp/split.xml.1")
run adapter decode --country DE --expect-seq $((seq - 1)) "$tmp/split.xml.1"
check "sequence gap: refused" sh -c "[ $rc -eq 1 ] && grep -q 'sequence gap: expected $((seq - 1)), got $seq' '$tmp/err'"
run adapter decode --country DE --expect-seq $((seq + 1)) "$tmp/split.xml.1"
check "a sequence number seen before: refused" sh -c "[ $rc -eq 1 ] && grep -q 'already seen or out of order' '$tmp/err'"
run adapter decode --country DE --expect-seq "$seq" "$tmp/split.xml.1"
check "the expected sequence number: accepted" status 0
run adapter decode --config "$CFG" --partner JP00500 "$tmp/de.xml"
check "ISO-8859-1 bytes to the CP932 partner: refused" sh -c "[ $rc -eq 1 ] && grep -q 'CP932' '$tmp/err'"
printf '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<MSG21 xmlns="urn:schemas-edifactoring-com:MSG21">&a;</MSG21>\n' >"$tmp/dtd.xml"
run adapter decode --country DE "$tmp/dtd.xml"
check "a DTD: refused" sh -c "[ $rc -eq 1 ] && grep -qi 'DTD' '$tmp/err'"

# 6. list, usage
run adapter list
check "list: both formats and ten profiles" sh -c "[ $rc -eq 0 ] && grep -q '^edifactoring ' '$tmp/out' && grep -q '^iso20022 ' '$tmp/out' && [ \$(grep -c '^[A-Z][A-Z] ' '$tmp/out') -eq 10 ]"
run adapter encode "$S/payment.xml"
check "no --partner or --country: usage, exit 2" status 2
run adapter encode --config "$CFG" --partner XX00001 "$S/payment.xml"
check "unknown partner: exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'partner XX00001 is not in' '$tmp/err'"
run adapter decode --help
check "--help" sh -c "[ $rc -eq 0 ] && grep -q 'usage: ifgw adapter decode' '$tmp/out'"

finish
