#!/bin/sh
# tls_peers.sh: TLS peers bound to their partner, and strong chains, in real
# handshakes against the openssl command (issue 9).
#
# Certificates are made with `openssl req` / `openssl x509`, not by ifgw: two
# partners A (AA00001) and B (BB00002) whose TLS certificates come from one
# CA, and, each claiming to be A, a SHA-1-signed leaf, a leaf under an
# RSA-1024 CA, a leaf marked CA:TRUE and leaves with the wrong extended key
# usage.  Our server (tls_peer serve: a node's snapshot, certs/tls.c) faces
# `openssl s_client`; our client (tls_peer connect: libcurl with
# gateway/net/tls_curl.c) faces `openssl s_server`.  Every refusal must say
# why.  The same leaves as signing certificates: `ifgw verify` refuses them.
#
# Environment (set by `make check`): IFGW, top_srcdir, top_builddir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}" "${top_builddir:?set top_builddir}"
OPENSSL=${OPENSSL:-$(command -v openssl || true)}
if [ -z "$OPENSSL" ]; then
	echo "tls_peers.sh: openssl not found: it is the other side of every handshake (./bootstrap installs it)" >&2
	exit 1
fi
PEER=$top_builddir/tests/integration/tls_peer
unset IFGW_NOW # openssl reads the real clock: so do we

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-tls-peers.XXXXXX") || exit 1
spid=
cleanup() {
	if [ -n "$spid" ]; then kill "$spid" 2>/dev/null; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

. "$top_srcdir/tests/integration/lib.sh"

# --- certificates
# ext NAME LINES...: an extension file for `openssl x509 -extfile`.
ext() {
	f=$tmp/$1.ext
	shift
	printf '%s\n' "$@" >"$f"
}
tls_ext() { # NAME EKU URI
	ext "$1" "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
		"extendedKeyUsage=$2" "subjectAltName=DNS:localhost,IP:127.0.0.1,URI:$3"
}
# leaf NAME SUBJECT CA EXT [x509 options...]: an EC P-256 key and a certificate CA issued.
leaf() {
	who=$1 subj=$2 ca=$3 e=$4
	shift 4
	"$OPENSSL" req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/$who.key" \
		-out "$tmp/$who.csr" -subj "$subj" 2>>"$tmp/openssl.log" &&
		"$OPENSSL" x509 -req -in "$tmp/$who.csr" -CA "$tmp/$ca.crt" -CAkey "$tmp/$ca.key" \
			-set_serial "0x$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" \
			-days 30 -extfile "$tmp/$e.ext" -out "$tmp/$who.crt" "$@" 2>>"$tmp/openssl.log"
}
# root NAME SUBJECT KEYOPTS...: a self-signed CA.
root() {
	who=$1 subj=$2
	shift 2
	"$OPENSSL" req -x509 -new "$@" -nodes -keyout "$tmp/$who.key" -out "$tmp/$who.crt" -subj "$subj" -days 30 \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
		2>>"$tmp/openssl.log"
}

made=0
root ca "/O=Test Net/CN=Test Net Root" -newkey ec -pkeyopt ec_paramgen_curve:P-256 &&
	root weakca "/O=Weak Net/CN=Weak Net Root" -newkey rsa:1024 &&
	tls_ext tls-a "serverAuth,clientAuth" "urn:ifgw:peer:A" &&
	tls_ext tls-b "serverAuth,clientAuth" "urn:ifgw:peer:B" &&
	tls_ext tls-node "serverAuth,clientAuth" "urn:ifgw:peer:node" &&
	tls_ext ca-true "serverAuth,clientAuth" "urn:ifgw:peer:A" &&
	sed -i 's/CA:FALSE/CA:TRUE/' "$tmp/ca-true.ext" &&
	tls_ext server-only "serverAuth" "urn:ifgw:peer:A" &&
	tls_ext client-only "clientAuth" "urn:ifgw:peer:A" &&
	ext sign "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,nonRepudiation" &&
	ext sign-ca-true "basicConstraints=critical,CA:TRUE" "keyUsage=critical,digitalSignature,nonRepudiation" &&
	ext sign-tls "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
		"extendedKeyUsage=serverAuth,clientAuth" &&
	leaf node-tls "/O=Test Net/CN=Node TLS" ca tls-node &&
	leaf node-sign "/O=Test Net/CN=Node signing" ca sign &&
	leaf a-tls "/O=Factor A/CN=Partner A TLS" ca tls-a &&
	leaf a-sign "/O=Factor A/CN=Partner A signing" ca sign &&
	leaf b-tls "/O=Factor B/CN=Partner B TLS" ca tls-b &&
	leaf b-sign "/O=Factor B/CN=Partner B signing" ca sign &&
	leaf a-sha1 "/O=Factor A/CN=Partner A SHA-1" ca tls-a -sha1 &&
	leaf a-weakca "/O=Factor A/CN=Partner A under RSA-1024" weakca tls-a &&
	leaf a-catrue "/O=Factor A/CN=Partner A CA:TRUE" ca ca-true &&
	leaf a-serveronly "/O=Factor A/CN=Partner A serverAuth only" ca server-only &&
	leaf a-clientonly "/O=Factor A/CN=Partner A clientAuth only" ca client-only &&
	leaf s-sha1 "/O=Factor A/CN=A signing SHA-1" ca sign -sha1 &&
	leaf s-catrue "/O=Factor A/CN=A signing CA:TRUE" ca sign-ca-true &&
	leaf s-tls "/O=Factor A/CN=A signing with TLS usage" ca sign-tls &&
	cat "$tmp/ca.crt" "$tmp/weakca.crt" >"$tmp/cas.pem" &&
	made=1
if [ "$made" -eq 1 ]; then ok "openssl makes the test certificates"; else not_ok "openssl makes the test certificates"; cat "$tmp/openssl.log"; finish; exit 1; fi

# The node: A trusted through both CAs and bound to its URI, B through the
# network's CA and bound to its URI; only-a.xml knows A alone.
partner() { # CODE NAME CA PEERNAME
	cat <<EOF
  <Partner code="$1" country="${1%%[0-9]*}">
    <Name>Factor $2</Name>
    <Endpoint>https://127.0.0.1:1/ifgw</Endpoint>
    <Trust>
      <Cert file="$(echo "$2" | tr AB ab)-sign.crt"/>
      <Ca file="$3"/>
$4
    </Trust>
  </Partner>
EOF
}
config() { # FILE PARTNERS...
	f=$1
	shift
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<Node xmlns="urn:ifgw:config:1" version="1" code="FR00001" country="FR">'
		echo '  <Name>Test node</Name>'
		echo '  <Identity><Signing key="node-sign.key" cert="node-sign.crt"/><Tls key="node-tls.key" cert="node-tls.crt"/></Identity>'
		for p in "$@"; do printf '%s\n' "$p"; done
		echo '</Node>'
	} >"$tmp/$f"
}
A=$(partner AA00001 A cas.pem '      <PeerName kind="uri">urn:ifgw:peer:A</PeerName>')
B=$(partner BB00002 B ca.crt '      <PeerName kind="uri">urn:ifgw:peer:B</PeerName>')
A_CN=$(partner AA00001 A ca.crt '      <PeerName kind="cn">Partner A TLS</PeerName>')
A_UNBOUND=$(partner AA00001 A ca.crt '')
config both.xml "$A" "$B"
config only-a.xml "$A"
config a-by-cn.xml "$A_CN"
config unbound.xml "$A_UNBOUND"

# --- our server, openssl s_client as the client
# serve CONFIG CERT: one handshake; the server's verdict in $tmp/verdict, its status in $rc.
serve() {
	rm -f "$tmp/port" "$tmp/verdict"
	"$PEER" serve "$tmp/$1" "$tmp/port" >"$tmp/verdict" 2>"$tmp/serve.err" &
	spid=$!
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 200 ] && kill -0 "$spid" 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	if [ -s "$tmp/port" ]; then
		# SECLEVEL=0: the client must be able to present the weak certificates at all.
		timeout 20 "$OPENSSL" s_client -connect "127.0.0.1:$(cat "$tmp/port")" -cert "$tmp/$2.crt" \
			-key "$tmp/$2.key" -cipher 'DEFAULT@SECLEVEL=0' </dev/null >"$tmp/s_client.out" 2>&1
	fi
	wait "$spid"
	rc=$?
	spid=
}
# verdict_is DESC FIXED-TEXT: the server's one line starts with it.
verdict_is() {
	if head -n 1 "$tmp/verdict" | grep -Fq -- "$2"; then
		ok "$1"
	else
		not_ok "$1 (want: $2)"
		echo "  # status $rc; verdict: $(cat "$tmp/verdict"); stderr: $(head -c 400 "$tmp/serve.err")"
	fi
}

serve both.xml a-tls
verdict_is "server: A's certificate is accepted as A" "accepted AA00001"
serve both.xml b-tls
verdict_is "server: B's certificate, from the same CA, is accepted as B, not as A" "accepted BB00002"
serve only-a.xml b-tls
verdict_is "server: B's certificate is refused as A, with the reason" \
	"refused: TLS client refused: partner AA00001: certificate CN=Partner B TLS,O=Factor B is issued by the partner's CA but does not name the partner (expected uri urn:ifgw:peer:A)"
serve a-by-cn.xml a-tls
verdict_is "server: bound by subject CN" "accepted AA00001"
serve a-by-cn.xml b-tls
verdict_is "server: B refused when A is bound by CN" "does not name the partner (expected cn Partner A TLS)"
serve unbound.xml a-tls
if [ "$rc" -eq 2 ] && grep -Fq "unbound.xml:5: Partner AA00001: trusted through a CA (Trust/Ca) but bound to no name nor pin" "$tmp/serve.err"; then
	ok "a partner trusted through a CA with no peer name nor pin: the configuration is refused at load"
else
	not_ok "a partner trusted through a CA with no peer name nor pin: the configuration is refused at load"
	echo "  # status $rc; stderr: $(cat "$tmp/serve.err")"
fi

serve only-a.xml a-sha1
verdict_is "server: SHA-1-signed leaf refused" \
	"refused: TLS client refused: partner AA00001: certificate CN=Partner A SHA-1,O=Factor A is signed with ecdsa-with-SHA1 (63-bit security): at least 112-bit required (security level 2)"
serve only-a.xml a-weakca
verdict_is "server: leaf under an RSA-1024 CA refused" \
	"refused: TLS client refused: partner AA00001: CA certificate CN=Weak Net Root,O=Weak Net has an RSA key of 1024 bits: at least 2048 required (security level 2)"
serve only-a.xml a-catrue
verdict_is "server: CA:TRUE leaf refused" \
	"refused: TLS client refused: partner AA00001: certificate CN=Partner A CA:TRUE,O=Factor A is a CA certificate (basicConstraints CA:TRUE), not an end-entity one"
serve only-a.xml a-serveronly
verdict_is "server: client certificate without clientAuth refused" \
	"refused: TLS client refused: partner AA00001: certificate CN=Partner A serverAuth only,O=Factor A is not a TLS client certificate (extendedKeyUsage lacks clientAuth)"
serve only-a.xml a-clientonly
verdict_is "server: clientAuth alone is enough for a client" "accepted AA00001"

# --- our client, openssl s_server as the server
# connect CONFIG CERT: our client talks to A; its verdict in $tmp/verdict.
connect() {
	rm -f "$tmp/s_server.out" "$tmp/verdict"
	timeout 30 "$OPENSSL" s_server -accept 127.0.0.1:0 -naccept 1 -www -cert "$tmp/$2.crt" -key "$tmp/$2.key" \
		-cipher 'DEFAULT@SECLEVEL=0' >"$tmp/s_server.out" 2>&1 &
	spid=$!
	i=0
	while ! grep -q '^ACCEPT' "$tmp/s_server.out" 2>/dev/null && [ $i -lt 200 ] && kill -0 "$spid" 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/s_server.out")
	"$PEER" connect "$tmp/$1" AA00001 "https://127.0.0.1:${port:-1}/" >"$tmp/verdict" 2>"$tmp/serve.err"
	rc=$?
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	spid=
}

connect only-a.xml a-tls
verdict_is "client: A's server certificate is accepted" "accepted"
connect only-a.xml b-tls
verdict_is "client: B's server certificate is refused as A, with the reason" \
	"refused: partner AA00001: certificate CN=Partner B TLS,O=Factor B is issued by the partner's CA but does not name the partner (expected uri urn:ifgw:peer:A)"
connect only-a.xml a-sha1
verdict_is "client: SHA-1-signed server certificate refused" \
	"refused: partner AA00001: certificate CN=Partner A SHA-1,O=Factor A is signed with ecdsa-with-SHA1 (63-bit security)"
connect only-a.xml a-weakca
verdict_is "client: server certificate under an RSA-1024 CA refused" \
	"refused: partner AA00001: CA certificate CN=Weak Net Root,O=Weak Net has an RSA key of 1024 bits"
connect only-a.xml a-catrue
verdict_is "client: CA:TRUE server certificate refused" \
	"refused: partner AA00001: certificate CN=Partner A CA:TRUE,O=Factor A is a CA certificate (basicConstraints CA:TRUE)"
connect only-a.xml a-clientonly
verdict_is "client: server certificate without serverAuth refused" \
	"refused: partner AA00001: certificate CN=Partner A clientAuth only,O=Factor A is not a TLS server certificate (extendedKeyUsage lacks serverAuth)"

# --- the same weaknesses in signing certificates: ifgw verify refuses them
msg=$top_srcdir/tests/data/dsig/msg09-utf8.xml
# signed_by NAME: sign msg with NAME's key (ifgw sign signs with the
# certificate it is given and warns when partners would refuse it; its stderr
# is kept in sign.err), then verify against NAME's certificate alone.
signed_by() {
	run sign --key "$tmp/$1.key" --cert "$tmp/$1.crt" --out "$tmp/$1.xml" "$msg"
	cp "$tmp/err" "$tmp/sign.err"
	if [ "$rc" -ne 0 ]; then
		not_ok "ifgw sign with $1"
		show
		return
	fi
	run verify --trust "$tmp/$1.crt" "$tmp/$1.xml"
}
sign_warned() { # DESC TEXT: ifgw sign's warning names why partners refuse
	if grep -Fq -- "sign: warning: signed, but a partner trusting this certificate refuses it: " "$tmp/sign.err" &&
	   grep -Fq -- "$2" "$tmp/sign.err"; then ok "$1"; else not_ok "$1 (want the warning and: $2)"; cat "$tmp/sign.err"; fi
}
refused_with() { # DESC TEXT
	if [ "$rc" -eq 1 ] && grep -Fq -- "$2" "$tmp/err"; then ok "$1"; else not_ok "$1 (want status 1 and: $2)"; show; fi
}
chmod 600 "$tmp"/*.key
signed_by a-sign
status_is "signing: a good signing certificate verifies" 0
if [ -s "$tmp/sign.err" ]; then not_ok "ifgw sign with a good certificate warns of nothing"; cat "$tmp/sign.err"; else
	ok "ifgw sign with a good certificate warns of nothing"; fi
signed_by s-sha1
sign_warned "ifgw sign warns that partners refuse a SHA-1-signed certificate" "ecdsa-with-SHA1 (63-bit security)"
refused_with "signing: SHA-1-signed certificate refused" "CN=A signing SHA-1,O=Factor A is signed with ecdsa-with-SHA1 (63-bit security): at least 112-bit required (security level 2)"
signed_by s-catrue
sign_warned "ifgw sign warns that partners refuse a CA:TRUE certificate" "is a CA certificate (basicConstraints CA:TRUE)"
refused_with "signing: CA:TRUE certificate refused" "CN=A signing CA:TRUE,O=Factor A is a CA certificate (basicConstraints CA:TRUE), not an end-entity one"
signed_by s-tls
refused_with "signing: a TLS-only certificate (serverAuth, clientAuth) may not sign" "may not sign (extendedKeyUsage lacks documentSigning, emailProtection and anyExtendedKeyUsage)"
"$OPENSSL" req -x509 -new -newkey rsa:1024 -nodes -keyout "$tmp/rsa1024.key" -out "$tmp/rsa1024.crt" \
	-subj "/CN=A signing RSA-1024" -days 30 -addext "basicConstraints=critical,CA:FALSE" \
	-addext "keyUsage=critical,digitalSignature" 2>>"$tmp/openssl.log"
chmod 600 "$tmp/rsa1024.key"
run sign --key "$tmp/rsa1024.key" --cert "$tmp/rsa1024.crt" --out "$tmp/rsa1024.xml" "$msg"
refused_with "signing: an RSA-1024 key does not sign" "RSA key of 1024 bits: at least 2048 required"

finish
