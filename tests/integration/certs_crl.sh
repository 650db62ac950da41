#!/bin/sh
# certs_crl.sh: a partner's CRLs and KeyInfo as a user meets them (issue 9).
#
# The partner's CA, its signing certificate and its CRLs are made with the
# openssl command (`openssl ca`, `openssl crl`; the CRL without nextUpdate,
# which `openssl ca` cannot write, with `openssl asn1parse -genconf` and
# `openssl dgst -sign`), then `ifgw certs check --config` judges them:
#  - a CRL verified by the partner's configured CA counts (revoked, out of date);
#  - a CRL without a configured CA, from another CA, or with a forged
#    signature refuses the configuration, naming the file;
#  - a CRL without nextUpdate is current for CrlMaxAge days (7 by default);
#  - `ifgw verify`: KeyInfo naming the partner's first trusted certificate,
#    the message signed by its second, verifies; an untrusted key does not.
#
# Environment (set by `make check`): IFGW, top_srcdir; IFGW_DATADIR optional.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR
unset IFGW_NOW

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-certs-crl.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

. "$top_srcdir/tests/integration/lib.sh"

check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; show; fi
}
status() { [ "$rc" -eq "$1" ]; }
has_err() { grep -q -- "$1" "$tmp/err"; }
has_out() { grep -q -- "$1" "$tmp/out"; }
# The STATUS column (the last) of the row for WHO and USAGE.
row_status() { awk -v w="$1" -v u="$2" '$1 == w && $2 == u { sub(/.*[=]  */, ""); print }' "$tmp/out"; }
# Quiet openssl; its output goes to $tmp/ossl, shown when it fails.
ossl() {
	if ! openssl "$@" >"$tmp/ossl" 2>&1; then
		echo "# openssl $*: $(head -c 600 "$tmp/ossl")"
		exit 1
	fi
}

# --- a partner CA (openssl ca), its signing certificate, its CRLs
cat >"$tmp/ca.cnf" <<'EOF'
[ca]
default_ca = pca
[pca]
dir = $ENV::CADIR
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
organizationName = optional
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_sign]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
[req]
distinguished_name = dn
[dn]
EOF
# mkca DIR SUBJECT: a self-signed EC CA, its openssl ca database in DIR.
mkca() {
	mkdir "$1" && : >"$1/index.txt" && echo 01 >"$1/serial" && echo 01 >"$1/crlnumber" || exit 1
	export CADIR="$1"
	ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1/ca.key"
	ossl req -new -config "$tmp/ca.cnf" -key "$1/ca.key" -subj "$2" -out "$1/ca.csr"
	ossl ca -batch -config "$tmp/ca.cnf" -selfsign -keyfile "$1/ca.key" -in "$1/ca.csr" -out "$1/ca.crt" \
		-extensions v3_ca -startdate 20260101000000Z -enddate 20360101000000Z -notext
}
# gencrl DIR OUT [NEXT]: DIR's CRL issued 2026-03-01, next update NEXT (default 2026-03-08).
gencrl() {
	export CADIR="$1"
	ossl ca -config "$tmp/ca.cnf" -gencrl -cert "$1/ca.crt" -keyfile "$1/ca.key" \
		-crl_lastupdate 20260301000000Z -crl_nextupdate "${3:-20260308000000Z}" -out "$2"
}

pca=$tmp/pca
mkca "$pca" "/O=Partner Bank/CN=Partner Bank CA"
ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/sign.key"
ossl req -new -config "$tmp/ca.cnf" -key "$tmp/sign.key" -subj "/O=Partner Bank/CN=Partner Bank signing" \
	-out "$tmp/sign.csr"
ossl ca -batch -config "$tmp/ca.cnf" -cert "$pca/ca.crt" -keyfile "$pca/ca.key" -in "$tmp/sign.csr" \
	-out "$tmp/sign.crt" -extensions v3_sign -startdate 20260101000000Z -enddate 20270101000000Z -notext
gencrl "$pca" "$tmp/empty.crl"
# The same name, another key: a forged CRL revoking nothing.
mkca "$tmp/evil" "/O=Partner Bank/CN=Partner Bank CA"
gencrl "$tmp/evil" "$tmp/forged.crl"
# Another CA's CRL, valid in itself.
mkca "$tmp/other" "/O=Other Bank/CN=Other Bank CA"
gencrl "$tmp/other" "$tmp/other.crl"
# A CRL without nextUpdate, issued 2026-03-01T00:00:00Z, signed by the partner's CA.
cat >"$tmp/tbs.cnf" <<'EOF'
[tbs]
version = INTEGER:1
alg = SEQUENCE:alg
issuer = SEQUENCE:issuer
thisUpdate = UTCTIME:260301000000Z
[alg]
oid = OID:ecdsa-with-SHA256
[issuer]
cn = SET:cn
o = SET:o
[cn]
atv = SEQUENCE:cn_atv
[cn_atv]
type = OID:commonName
value = UTF8:Partner Bank CA
[o]
atv = SEQUENCE:o_atv
[o_atv]
type = OID:organizationName
value = UTF8:Partner Bank
EOF
{ echo "asn1 = SEQUENCE:tbs"; cat "$tmp/tbs.cnf"; } >"$tmp/tbs-only.cnf"
{ printf 'asn1 = SEQUENCE:crl\n[crl]\ntbs = SEQUENCE:tbs\nalg = SEQUENCE:alg\n'
  printf 'sig = FORMAT:HEX,BITSTRING:${ENV::SIG}\n'; cat "$tmp/tbs.cnf"; } >"$tmp/crl.cnf"
ossl asn1parse -genconf "$tmp/tbs-only.cnf" -out "$tmp/tbs.der" -noout
ossl dgst -sha256 -sign "$pca/ca.key" -out "$tmp/tbs.sig" "$tmp/tbs.der"
SIG=$(od -An -v -tx1 "$tmp/tbs.sig" | tr -d ' \n')
export SIG
ossl asn1parse -genconf "$tmp/crl.cnf" -out "$tmp/nonext.der" -noout
ossl crl -inform DER -in "$tmp/nonext.der" -out "$tmp/nonext.crl"
ossl crl -in "$tmp/nonext.crl" -noout -text
check "openssl: the CRL has no nextUpdate" grep -q "Next Update: NONE" "$tmp/ossl"
ossl crl -in "$tmp/nonext.crl" -CAfile "$pca/ca.crt" -noout
check "openssl: the partner's CA verifies it" grep -q "verify OK" "$tmp/ossl"
# Last, the CA revokes the signing certificate (the revocation date is today's).
CADIR=$pca
ossl ca -config "$tmp/ca.cnf" -cert "$pca/ca.crt" -keyfile "$pca/ca.key" -revoke "$tmp/sign.crt"
gencrl "$pca" "$tmp/revoked.crl"

# --- the node: its own identity from certs init, one partner with Ca, a CRL and a pin
mkdir "$tmp/node"
run --now 2026-03-01T12:00:00Z certs init --dir "$tmp/node/certs" --org Demo
check "certs init: the node's identity" status 0
run certs pin "$tmp/sign.crt"
pin=$(cut -d' ' -f1 "$tmp/out")
# config FILE CRL [EXTRA-NODE-XML] [CA-XML]: the node's configuration with the partner's CRL.
config() {
	ca_xml=${4-<Ca file=\"$pca/ca.crt\"/>}
	cat >"$1" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<Node xmlns="urn:ifgw:config:1" version="1" code="FR00001" country="FR">
  <Name>CRL test node</Name>
  <Identity>
    <Signing key="certs/gateway/sign.key" cert="certs/gateway/sign.crt"/>
  </Identity>
${3:-}
  <Partner code="DE00123" country="DE">
    <Name>Partner Bank</Name>
    <Endpoint>https://127.0.0.1:8442/ifgw</Endpoint>
    <Trust>
      <Cert file="$tmp/sign.crt"/>
      $ca_xml
      <Crl file="$2"/>
      <Pin>$pin</Pin>
    </Trust>
  </Partner>
</Node>
EOF
}
cfg=$tmp/node/ifgw.xml

# --- a CRL verified by the partner's CA counts
config "$cfg" "$tmp/empty.crl"
run --now 2026-03-02T00:00:00Z certs check --config "$cfg"
check "CA-signed empty CRL: exit 0" status 0
check "  the partner's CA row ok" [ "$(row_status DE00123 CA)" = "ok" ]
check "  the partner's signing row ok" [ "$(row_status DE00123 signing)" = "ok" ]
run --now 2026-03-09T00:00:00Z certs check --config "$cfg"
check "past its nextUpdate: exit 1" status 1
check "  CRL invalid" [ "$(row_status DE00123 signing)" = "CRL invalid" ]
check "  says since when" has_err "the CRL of O=Partner Bank,CN=Partner Bank CA is out of date since 2026-03-08T00:00:00Z"
config "$cfg" "$tmp/revoked.crl"
run --now 2026-03-02T00:00:00Z certs check --config "$cfg"
check "CRL listing the signing certificate: exit 1" status 1
check "  revoked" [ "$(row_status DE00123 signing)" = "revoked" ]
check "  by the CRL of the partner's CA" has_err "certificate O=Partner Bank,CN=Partner Bank signing revoked on .* by the CRL of O=Partner Bank,CN=Partner Bank CA"

# --- a CRL no configured CA verifies refuses the configuration, naming the file
config "$cfg" "$tmp/forged.crl"
run --now 2026-03-02T00:00:00Z certs check --config "$cfg"
check "forged CRL (the CA's name, another key): exit 1" status 1
check "  the CA and signing rows fail" [ "$(grep -c '^DE00123  .*  bad trust$' "$tmp/out")" -eq 2 ]
check "  reason names the file and says why" has_err "forged.crl: CRL 1: partner DE00123: the CRL of O=Partner Bank,CN=Partner Bank CA has a bad signature"
config "$cfg" "$tmp/other.crl"
run --now 2026-03-02T00:00:00Z certs check --config "$cfg"
check "another CA's CRL: exit 1" status 1
check "  reason names the file and says why" has_err "other.crl: CRL 1: partner DE00123: the CRL of O=Other Bank,CN=Other Bank CA cannot be verified: its issuer is not a configured CA"
config "$cfg" "$tmp/empty.crl" "" ""
run --now 2026-03-02T00:00:00Z certs check --config "$cfg"
check "a Crl without a Ca: exit 1" status 1
check "  the configuration says why" has_err "ifgw.xml:[0-9]*: Partner DE00123: Trust/Crl without Trust/Ca: a CRL is used only when a configured CA verifies it"

# --- a CRL without nextUpdate: current for CrlMaxAge days after its thisUpdate
config "$cfg" "$tmp/nonext.crl"
run --now 2026-03-07T23:00:00Z certs check --config "$cfg"
check "no nextUpdate, 7 days minus an hour old: exit 0" status 0
check "  ok" [ "$(row_status DE00123 signing)" = "ok" ]
run --now 2026-03-08T00:00:01Z certs check --config "$cfg"
check "no nextUpdate, past the default 7 days: exit 1" status 1
check "  CRL invalid" [ "$(row_status DE00123 signing)" = "CRL invalid" ]
check "  reason" has_err "the CRL of O=Partner Bank,CN=Partner Bank CA has no nextUpdate and is older than the maximum age of 7 days (issued 2026-03-01T00:00:00Z); fetch a new one"
config "$cfg" "$tmp/nonext.crl" '  <CrlMaxAge days="10"/>'
run --now 2026-03-09T00:00:00Z certs check --config "$cfg"
check "CrlMaxAge 10: 8 days old is current" status 0
run --now 2026-03-11T00:00:01Z certs check --config "$cfg"
check "CrlMaxAge 10: past 10 days: exit 1" status 1
check "  reason" has_err "older than the maximum age of 10 days"
config "$cfg" "$tmp/nonext.crl" '  <CrlMaxAge days="0"/>'
run certs check --config "$cfg"
check "CrlMaxAge 0: refused by the schema" has_err "Node/CrlMaxAge/@days"

# --- KeyInfo names a trusted certificate to try first, then the others
run --now 2026-03-01T12:00:00Z certs init --dir "$tmp/pki" --org Demo --partners DE,US
check "certs init for the signatures" status 0
mkdir "$tmp/trust"
cp "$tmp/pki/US/sign.crt" "$tmp/trust/1-first.pem"
cp "$tmp/pki/DE/sign.crt" "$tmp/trust/2-second.pem"
b64() { openssl x509 -in "$1" -outform DER | base64 | tr -d '\n'; }
first=$(b64 "$tmp/trust/1-first.pem")
run --now 2026-03-02T00:00:00Z sign --key "$tmp/pki/DE/sign.key" --cert "$tmp/pki/DE/sign.crt" \
	--out "$tmp/by-second.xml" "$top_srcdir/tests/data/dsig/msg09-utf8.xml"
sed "s|<X509Certificate>[^<]*</X509Certificate>|<X509Certificate>$first</X509Certificate>|" \
	"$tmp/by-second.xml" >"$tmp/names-first.xml"
check "KeyInfo now names the first certificate" grep -q "$first" "$tmp/names-first.xml"
run --now 2026-03-02T00:00:00Z verify --trust "$tmp/trust" "$tmp/names-first.xml"
check "signed by the second, KeyInfo naming the first: exit 0" status 0
check "  the signer is the second" has_out "valid signature by CN=Demo partner DE signing"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/evil.key" -out "$tmp/evil.crt" \
	-days 2 -subj "/O=Demo/CN=Demo partner DE signing/C=DE" >/dev/null 2>&1
chmod 600 "$tmp/evil.key"
run sign --key "$tmp/evil.key" --cert "$tmp/evil.crt" --out "$tmp/evil.xml" "$top_srcdir/tests/data/dsig/msg09-utf8.xml"
sed "s|<X509Certificate>[^<]*</X509Certificate>|<X509Certificate>$first</X509Certificate>|" \
	"$tmp/evil.xml" >"$tmp/evil-names-first.xml"
run verify --trust "$tmp/trust" "$tmp/evil-names-first.xml"
check "an untrusted key, KeyInfo naming the first: exit 1" status 1
check "  signature value invalid" has_err "signature value invalid"

finish
