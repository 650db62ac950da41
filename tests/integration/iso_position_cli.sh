#!/bin/sh
# iso_position_cli.sh: the ISO 20022 position statement is ifgw's own
# document (ifgw.pos.001.01, namespace urn:ifgw:iso20022-ext:pos.001.01),
# checked from outside with xmllint and the shipped schemas, not with
# ifgw's own validation: its Document is valid against ifgw.pos.001.01.xsd
# and not against the official tsin.002 schema, its AppHdr against
# head.001.001.02.xsd; a real tsin.002 (a financing status) is the other
# way round; both decode to their own type and re-encode to the same bytes.
#
# Environment (set by `make check`): IFGW, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-iso-pos.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "$top_srcdir/tests/integration/lib.sh"

S=$top_srcdir/tests/data/model
X=$top_srcdir/adapters/iso20022/schema

# part FILE NAME: the BizMsg child NAME (AppHdr, Document) as a file of its own
part() {
	xmllint --xpath "/*[local-name()='BizMsg']/*[local-name()='$2']" "$1" >"$1.$2" 2>"$tmp/xpath.err"
}
# valid FILE XSD: xmllint's verdict, quietly
valid() { xmllint --noout --schema "$2" "$1" >/dev/null 2>&1; }
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; show; fi
}
nope() { ! "$@"; }

run adapter encode --country GB --out "$tmp/pos.xml" "$S/position-statement.xml"
status_is "position statement: encoded for an ISO 20022 partner" 0
check "... MsgDefIdr ifgw.pos.001.01" grep -q '<MsgDefIdr>ifgw.pos.001.01</MsgDefIdr>' "$tmp/pos.xml"
check "... Document in ifgw's namespace" grep -q '<Document xmlns="urn:ifgw:iso20022-ext:pos.001.01">' "$tmp/pos.xml"
check "... nothing that says tsin" nope grep -q tsin "$tmp/pos.xml"
part "$tmp/pos.xml" Document && part "$tmp/pos.xml" AppHdr
check "... xmllint: Document valid against ifgw.pos.001.01.xsd" valid "$tmp/pos.xml.Document" "$X/ifgw.pos.001.01.xsd"
check "... xmllint: Document NOT valid against the official tsin.002.001.01.xsd" \
	nope valid "$tmp/pos.xml.Document" "$X/tsin.002.001.01.xsd"
check "... xmllint: AppHdr valid against head.001.001.02.xsd" valid "$tmp/pos.xml.AppHdr" "$X/head.001.001.02.xsd"

run adapter encode --country GB --out "$tmp/fin.xml" "$S/financing-status.xml"
status_is "financing status: encoded as a real tsin.002" 0
part "$tmp/fin.xml" Document
check "... xmllint: valid against tsin.002.001.01.xsd" valid "$tmp/fin.xml.Document" "$X/tsin.002.001.01.xsd"
check "... xmllint: NOT valid against ifgw.pos.001.01.xsd" nope valid "$tmp/fin.xml.Document" "$X/ifgw.pos.001.01.xsd"

run adapter decode --country GB --out "$tmp/pos-back.xml" "$tmp/pos.xml"
status_is "position statement: decoded" 0
check "... as a PositionStatement" grep -q '<PositionStatement xmlns="urn:ifgw:canonical:1">' "$tmp/pos-back.xml"
run adapter encode --country GB "$tmp/pos-back.xml"
check "... which encodes to the same bytes" cmp -s "$tmp/out" "$tmp/pos.xml"
run adapter decode --country GB --out "$tmp/fin-back.xml" "$tmp/fin.xml"
status_is "the real tsin.002: decoded" 0
check "... as a FinancingStatus, not a position" grep -q '<FinancingStatus xmlns="urn:ifgw:canonical:1">' "$tmp/fin-back.xml"
run adapter encode --country GB "$tmp/fin-back.xml"
check "... which encodes to the same bytes" cmp -s "$tmp/out" "$tmp/fin.xml"

# the form ifgw wrote before issue 8 (a tsin.002 saying Msg=PositionStatement)
run adapter decode --country GB "$top_srcdir/tests/data/iso20022/position-as-tsin002.xml"
status_is "the old tsin.002 position form: refused" 1
check "... saying tsin.002 does not carry it" grep -q 'Msg=PositionStatement: tsin.002 does not carry that message type' "$tmp/err"

finish
