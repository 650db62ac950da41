#!/bin/sh
# certs_cli.sh: `ifgw certs init | check | revoke | pin` as a user runs them:
# a fresh test PKI, its permissions, the check table and its exit status as
# the clock moves (IFGW_NOW / --now) to near expiry, past it, before the
# start, after a revocation and with a key left readable; --config with the
# example configuration; refusal to overwrite; usage errors.
#
# Environment (set by `make check`): IFGW, top_srcdir; IFGW_DATADIR optional.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR
unset IFGW_NOW

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-certs-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
T0=2026-03-01T12:00:00Z
pki=$tmp/pki

. "$top_srcdir/tests/integration/lib.sh"

# check DESC CONDITION...: ok when the shell condition holds, else show the last run.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; show; fi
}

has_out() { grep -q -- "$1" "$tmp/out"; }
has_err() { grep -q -- "$1" "$tmp/err"; }
status() { [ "$rc" -eq "$1" ]; }
mode_is() { [ "$(stat -c %a "$1")" = "$2" ]; }
# The STATUS column (the last) of the row for WHO and USAGE.
row_status() { awk -v w="$1" -v u="$2" '$1 == w && $2 == u { sub(/.*[=]  */, ""); print }' "$tmp/out"; }

# --- init on a fresh directory
run --now "$T0" certs init --dir "$pki" --org "Demo Factor" --partners DE,US,JP --days 60
check "init succeeds" status 0
check "init says what it made" has_out "test PKI for Demo Factor with 3 partners (ec keys)"
check "top directory 0755" mode_is "$pki" 755
check "ca directory 0700" mode_is "$pki/ca" 700
check "CA key 0600" mode_is "$pki/ca/ca.key" 600
check "CA certificate 0644" mode_is "$pki/ca/ca.crt" 644
check "CRL 0644" mode_is "$pki/ca/ca.crl" 644
for who in gateway DE US JP; do
	check "$who directory 0700" mode_is "$pki/$who" 700
	for f in tls sign; do
		check "$who/$f.key 0600" mode_is "$pki/$who/$f.key" 600
		check "$who/$f.crt 0644" mode_is "$pki/$who/$f.crt" 644
	done
done

# --- check right after: nine certificates, all ok
run --now "$T0" certs check --dir "$pki"
check "check exits 0 on a fresh PKI" status 0
check "check prints nothing on stderr" test ! -s "$tmp/err"
check "table has a header" has_out "^WHO  *USAGE  *SUBJECT  *ISSUER  *NOT-AFTER  *DAYS  *PIN (SHA-256 SPKI)  *STATUS"
check "table has 9 certificates" [ "$(grep -c '  ok$' "$tmp/out")" -eq 9 ]
check "CA row first" [ "$(sed -n 2p "$tmp/out" | awk '{print $1, $2}')" = "ca CA" ]
check "DE TLS row with subject and issuer" \
	has_out "^DE  *tls  *CN=Demo Factor partner DE TLS,O=Demo Factor,C=DE  *CN=Demo Factor test root CA,O=Demo Factor  *2026-04-30  *60 "
check "gateway signing row" has_out "^gateway  *signing  *CN=Demo Factor gateway signing,O=Demo Factor "
run certs pin "$pki/DE/tls.crt"
pin=$(cut -d' ' -f1 "$tmp/out")
check "pin is 44 base64 characters" [ "${#pin}" -eq 44 ]
run --now "$T0" certs check --dir "$pki"
check "table shows the same pin" has_out "^DE  *tls .* $pin  *ok$"

# --- the clock moves: warning within 30 days, failure after expiry or before the start
IFGW_NOW=2026-04-10T00:00:00Z run certs check --dir "$pki"
check "20 days before expiry: exit 0" status 0
check "20 days before expiry: status says so" [ "$(row_status DE tls)" = "expires in 20 days" ]
check "20 days before expiry: warning on stderr" has_err "warning: DE: certificate CN=Demo Factor partner DE TLS,O=Demo Factor,C=DE expires on 2026-04-30"
IFGW_NOW=2026-04-10T00:00:00Z run certs check --dir "$pki" --warn-days 10
check "--warn-days 10: no warning 20 days ahead" [ "$(row_status DE tls)" = "ok" ]
IFGW_NOW=2026-05-01T00:00:00Z run certs check --dir "$pki"
check "after expiry: exit 1" status 1
check "after expiry: status expired" [ "$(row_status US signing)" = "expired" ]
check "after expiry: days left negative" has_out "^US  *signing .*2026-04-30  *-1 "
check "after expiry: reason on stderr" has_err "US: certificate CN=Demo Factor partner US signing,O=Demo Factor,C=US expired on 2026-04-30T12:00:00Z"
run --now 2026-02-01 certs check --dir "$pki"
check "before the start: exit 1" status 1
check "before the start: not yet valid" [ "$(row_status JP tls)" = "not yet valid" ]

# --- revocation through the CA's CRL
run --now 2026-03-02T00:00:00Z certs revoke --dir "$pki" "$pki/DE/tls.crt"
check "revoke succeeds" status 0
check "revoke names the certificate" has_out "revoked CN=Demo Factor partner DE TLS,O=Demo Factor,C=DE"
run --now 2026-03-03 certs check --dir "$pki"
check "revoked: exit 1" status 1
check "revoked: status" [ "$(row_status DE tls)" = "revoked" ]
check "revoked: the others stay ok" [ "$(row_status DE signing)" = "ok" ]
check "revoked: reason on stderr" has_err "DE: certificate CN=Demo Factor partner DE TLS,O=Demo Factor,C=DE revoked on 2026-03-02T00:00:00Z by the CRL of CN=Demo Factor test root CA"

# --- a key readable by others is a failure too
fresh=$tmp/fresh
run --now "$T0" certs init --dir "$fresh" --org Org
check "init without partners" status 0
chmod 644 "$fresh/gateway/sign.key"
run --now "$T0" certs check --dir "$fresh"
check "readable key: exit 1" status 1
check "readable key: reason" has_err "sign.key: readable by group or others (mode 0644); chmod 600 it"
chmod 600 "$fresh/gateway/sign.key"

# --- init never overwrites
before=$(cat "$pki/DE/sign.crt")
run --now "$T0" certs init --dir "$pki" --org Other --partners FR
check "second init: exit 1" status 1
check "second init: says why" has_err "ca: already exists; certs init never overwrites"
check "second init: nothing changed" [ "$(cat "$pki/DE/sign.crt")" = "$before" ]
check "second init: FR not created" test ! -e "$pki/FR"

# --- usage errors: exit 2
run certs init --dir "$tmp/x" --org O --key-type dsa
check "bad key type: exit 2" status 2
check "bad key type: says which" has_err "expected ec, rsa2048 or rsa3072"
run certs init --dir "$tmp/x" --org O --partners DE,DE
check "duplicate partner: exit 2" status 2
run certs init --dir "$tmp/x" --org O --days 0
check "--days 0: exit 2" status 2
run certs init --org O
check "missing --dir: exit 2" status 2
run certs check --dir "$pki" --config "$tmp/ifgw.xml"
check "--dir and --config: exit 2" status 2
run certs frobnicate
check "unknown subcommand: exit 2" status 2

# --- --config: the example configuration with a PKI made beside it
mkdir "$tmp/node"
cp "$top_srcdir/examples/ifgw.xml" "$tmp/node/ifgw.xml"
run --now "$T0" certs init --dir "$tmp/node/certs" --org Demo --partners DE,IT,US,JP
run --now "$T0" certs check --config "$tmp/node/ifgw.xml"
check "config: exit 0" status 0
check "config: the node's signing certificate" has_out "^node FR00001  *signing  *CN=Demo gateway signing"
check "config: a partner's CA" has_out "^IT00077  *CA  *CN=Demo test root CA"
check "config: a partner's certificate" has_out "^JP00500  *signing  *CN=Demo partner JP signing,O=Demo,C=JP"
rm "$tmp/node/certs/US/sign.crt"
run --now "$T0" certs check --config "$tmp/node/ifgw.xml"
check "config: a missing certificate fails" status 1
check "config: names the file" has_err "US/sign.crt: cannot open"
run certs check --config "$tmp/none.xml"
check "config: missing file: exit 1" status 1

finish
