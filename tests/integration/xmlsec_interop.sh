#!/bin/sh
# xmlsec_interop.sh: `ifgw sign` / `ifgw verify` against the real xmlsec1
# command, both ways, as a user runs them.
#
#  - messages ifgw signs (ECDSA P-256 and RSA-2048; edifactoring, the ISO
#    20022 AppHdr envelope, a tsin.008 Document; UTF-8, ISO-8859-9,
#    Shift_JIS) verify with `xmlsec1 --verify --trusted-pem ca.crt`, and
#    stay in their charset;
#  - templates of the profile signed by `xmlsec1 --sign` verify with ifgw;
#  - valid xmlsec1 signatures outside the profile (XPath transform, SHA-1,
#    inclusive C14N, a Reference to an Id) are refused by ifgw with the reason;
#  - an attacker's self-signed KeyInfo, a DTD, a billion laughs, a 100 MB file
#    (sparse) and usage errors, with their exit statuses.
#
# Environment (set by `make check`): IFGW, XMLSEC1, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
XMLSEC1=${XMLSEC1:-$(command -v xmlsec1 || true)}
if [ -z "$XMLSEC1" ]; then
	echo "xmlsec_interop.sh: xmlsec1 not found: it is the test oracle (./bootstrap installs xmlsec1)" >&2
	exit 1
fi
unset IFGW_NOW
LC_ALL=C # byte-wise matching of the non-UTF-8 messages
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-xmlsec.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
data=$top_srcdir/tests/data/dsig

. "$top_srcdir/tests/integration/lib.sh"

check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; show; fi
}
status() { [ "$rc" -eq "$1" ]; }
has_out() { grep -q -- "$1" "$tmp/out"; }
has_err() { grep -q -- "$1" "$tmp/err"; }
# xmlsec1 --verify FILE against the test CA: its status in $xrc, output in $tmp/xout.
xverify() {
	f=$1
	shift
	"$XMLSEC1" --verify "$@" --trusted-pem "$ca" "$f" >"$tmp/xout" 2>&1
	xrc=$?
}
xok() { [ "$xrc" -eq 0 ] && grep -q '^OK' "$tmp/xout"; }

# Two test PKIs (the real clock: xmlsec1 reads it too).
run certs init --dir "$tmp/ec" --org Interop --partners DE,US
check "EC test PKI" status 0
run certs init --dir "$tmp/rsa" --org Interop --partners FR --key-type rsa2048
check "RSA test PKI" status 0
ca=$tmp/ec/ca/ca.crt
rsa_ca=$tmp/rsa/ca/ca.crt
de_key=$tmp/ec/DE/sign.key
de_crt=$tmp/ec/DE/sign.crt

# --- ifgw signs, xmlsec1 verifies
for msg in msg09-utf8.xml apphdr-envelope.xml tsin-008.xml msg01-iso-8859-9.xml msg27-shift_jis.xml; do
	run sign --key "$de_key" --cert "$de_crt" --out "$tmp/s-$msg" "$data/$msg"
	check "ifgw signs $msg" status 0
	xverify "$tmp/s-$msg"
	check "xmlsec1 verifies ifgw's $msg" xok
	run verify --trust "$de_crt" "$tmp/s-$msg"
	check "ifgw verifies its own $msg" status 0
	check "verify prints the signer of $msg" has_out "s-$msg: valid signature by CN=Interop partner DE signing,O=Interop,C=DE"
done
check "ISO-8859-9 stays ISO-8859-9" grep -q 'encoding="ISO-8859-9"' "$tmp/s-msg01-iso-8859-9.xml"
check "ISO-8859-9 bytes on the wire (0xDD: capital dotted I)" grep -q "$(printf '\335')stanbul" "$tmp/s-msg01-iso-8859-9.xml"
check "Shift_JIS stays Shift_JIS" grep -q 'encoding="Shift_JIS"' "$tmp/s-msg27-shift_jis.xml"
check "Shift_JIS text intact" \
	[ "$(iconv -f SHIFT_JIS -t UTF-8 <"$tmp/s-msg27-shift_jis.xml" | grep -c '東京都千代田区')" -eq 1 ]

run sign --key "$tmp/rsa/FR/sign.key" --cert "$tmp/rsa/FR/sign.crt" --out "$tmp/s-rsa.xml" "$data/msg09-utf8.xml"
check "ifgw signs with RSA-2048" status 0
check "RSA signature method" grep -q 'xmldsig-more#rsa-sha256' "$tmp/s-rsa.xml"
"$XMLSEC1" --verify --trusted-pem "$rsa_ca" "$tmp/s-rsa.xml" >"$tmp/xout" 2>&1
xrc=$?
check "xmlsec1 verifies ifgw's RSA signature" xok
run verify --trust "$tmp/rsa/FR/sign.crt" "$tmp/s-rsa.xml"
check "ifgw verifies its RSA signature" status 0

# --- xmlsec1 signs templates of the profile, ifgw verifies
xsign() { # KEY CERT TEMPLATE OUT
	"$XMLSEC1" --sign --privkey-pem "$1,$2" --output "$4" "$3" >"$tmp/xout" 2>&1
}
for t in template-apphdr.xml template-iso-8859-9.xml template-shift_jis.xml; do
	xsign "$de_key" "$de_crt" "$data/$t" "$tmp/x-$t"
	check "xmlsec1 signs $t" [ $? -eq 0 ]
	run verify --trust "$de_crt" "$tmp/x-$t"
	check "ifgw verifies xmlsec1's $t" status 0
done
# the shared bench message: a tsin.008 namespace with the Signature at the root
xsign "$de_key" "$de_crt" "$data/template-ecdsa.xml" "$tmp/x-ecdsa.xml"
run verify --trust "$de_crt" "$tmp/x-ecdsa.xml"
check "a tsin Document signed at the root is not at the tsin place" status 1
check "  and the reason says where it belongs" has_err "signature not at its place (expected last child of Hdr/DgtlSgntr/Sgntr)"
run verify --place root --trust "$de_crt" "$tmp/x-ecdsa.xml"
check "--place root accepts it" status 0
xsign "$tmp/rsa/FR/sign.key" "$tmp/rsa/FR/sign.crt" "$data/template-rsa.xml" "$tmp/x-rsa.xml"
run verify --place root --trust "$tmp/rsa/FR/sign.crt" "$tmp/x-rsa.xml"
check "ifgw verifies xmlsec1's RSA signature" status 0

# --- valid xmlsec1 signatures outside the profile: refused, with the reason
profile_edit() { # NAME SED-EXPRESSION REASON [XMLSEC-OPTIONS]
	name=$1
	expr=$2
	reason=$3
	shift 3
	sed "$expr" "$data/template-ecdsa.xml" >"$tmp/t-$name.xml"
	"$XMLSEC1" --sign "$@" --privkey-pem "$de_key,$de_crt" --output "$tmp/o-$name.xml" "$tmp/t-$name.xml" \
		>"$tmp/xout" 2>&1
	check "xmlsec1 signs the $name variant" [ $? -eq 0 ]
	xverify "$tmp/o-$name.xml" "$@"
	check "  xmlsec1 accepts it" xok
	run verify --place root --trust "$de_crt" "$tmp/o-$name.xml"
	check "  ifgw refuses it (exit 1)" status 1
	check "  reason: $reason" has_err "$reason"
}
enveloped='<Transform Algorithm="http:\/\/www.w3.org\/2000\/09\/xmldsig#enveloped-signature"\/>'
xpath='<Transform Algorithm="http:\/\/www.w3.org\/TR\/1999\/REC-xpath-19991116"><XPath xmlns:ds="http:\/\/www.w3.org\/2000\/09\/xmldsig#">not(ancestor-or-self::ds:Signature)<\/XPath><\/Transform>'
profile_edit xpath "s/$enveloped/$xpath/" "transform not allowed: XPath"
profile_edit sha1 's|http://www.w3.org/2001/04/xmlenc#sha256|http://www.w3.org/2000/09/xmldsig#sha1|' \
	"digest algorithm not allowed: sha1"
profile_edit c14n 's/<CanonicalizationMethod Algorithm="[^"]*"/<CanonicalizationMethod Algorithm="http:\/\/www.w3.org\/TR\/2001\/REC-xml-c14n-20010315"/' \
	"canonicalization not allowed: inclusive C14N"
profile_edit idref 's/<Reference URI="">/<Reference URI="#msg">/; s/<InvcAssgnmtReq>/<InvcAssgnmtReq Id="msg">/' \
	"reference URI not allowed: #msg" --id-attr:Id InvcAssgnmtReq

# --- trust decides, not KeyInfo
run verify --trust "$tmp/ec/US/sign.crt" "$tmp/s-msg09-utf8.xml"
check "another partner's certificate: exit 1" status 1
check "  unknown signer" has_err "unknown signer: KeyInfo certificate CN=Interop partner DE signing"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/evil.key" -out "$tmp/evil.crt" \
	-days 2 -subj "/O=Interop/CN=Interop partner DE signing/C=DE" >/dev/null 2>&1
chmod 600 "$tmp/evil.key"
run sign --key "$tmp/evil.key" --cert "$tmp/evil.crt" --out "$tmp/evil.xml" "$data/msg09-utf8.xml"
check "an attacker signs with its own key and certificate" status 0
run verify --trust "$de_crt" "$tmp/evil.xml"
check "  refused: exit 1" status 1
check "  unknown signer, though KeyInfo carries a certificate" has_err "unknown signer"
run verify --trust "$tmp/ec/DE" "$tmp/s-msg09-utf8.xml"
check "--trust DIR (the partner's directory)" status 0

# --- the hardened parse, from the command line
run verify --trust "$de_crt" "$data/attack-billion-laughs.xml"
check "billion laughs: exit 1" status 1
check "  DTD not allowed" has_err "attack-billion-laughs.xml:2: DTD not allowed"
run verify --trust "$de_crt" "$data/attack-dtd-external-entity.xml"
check "external entity: DTD not allowed" has_err "DTD not allowed"
truncate -s 100M "$tmp/big.xml"
run verify --trust "$de_crt" "$tmp/big.xml"
check "100 MB file: exit 1" status 1
check "  refused by size" has_err "big.xml: document larger than 16777216 bytes"

# --- CLI conventions
run verify --quiet --trust "$de_crt" "$tmp/s-msg09-utf8.xml"
quiet_ok() { [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ]; }
check "--quiet: exit 0 and nothing on stdout" quiet_ok
sed 's/DE00123/DE00124/' "$tmp/s-msg09-utf8.xml" >"$tmp/tampered.xml"
run verify --quiet --trust "$de_crt" "$tmp/tampered.xml"
one_line_failure() { [ "$rc" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]; }
check "tampered: exit 1, one line" one_line_failure
check "  digest mismatch" has_err "ifgw verify: $tmp/tampered.xml:.*: digest mismatch"
run sign --key "$de_key" --cert "$de_crt" - <"$data/msg09-utf8.xml"
check "sign reads standard input" status 0
check "  and writes standard output" has_out "<SignatureValue>"
run verify "$tmp/s-msg09-utf8.xml"
check "verify without --trust: usage (2)" status 2
run verify --trust "$de_crt" --place nowhere "$tmp/s-msg09-utf8.xml"
check "unknown --place: usage (2)" status 2
run sign --key "$de_key" "$data/msg09-utf8.xml"
check "sign without --cert: usage (2)" status 2
chmod 644 "$de_key"
run sign --key "$de_key" --cert "$de_crt" "$data/msg09-utf8.xml"
check "a key readable by others is refused" status 1
chmod 600 "$de_key"
run sign --help
check "sign --help" status 0
run verify --help
check "verify --help" has_out "usage: ifgw verify --trust CERT_OR_DIR"

finish
