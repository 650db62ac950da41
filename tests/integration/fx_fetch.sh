#!/bin/sh
# fx_fetch.sh: `ifgw fx fetch` over real HTTPS on 127.0.0.1 (throw-away CA
# and server certificate made with the openssl command, a python3 ssl +
# http.server server: tests/integration/https_server.py) and over file://.
# Checks: a good fetch, If-Modified-Since -> "not modified", bad downloads
# (404, garbage, truncated, too large, too slow, redirect to http://) leave
# the good file byte-identical, http:// and ftp:// refused, an unknown CA
# refused, the default --out location is the one convert/rates read, a
# download merges over the history held (the copy, else the shipped one).
# No network beyond 127.0.0.1; every transfer has a timeout of a few seconds.
#
# Environment (set by `make check`): IFGW, top_srcdir; PYTHON3 optional.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR
PYTHON3=${PYTHON3:-$(command -v python3)}
OPENSSL=${OPENSSL:-$(command -v openssl)}
if [ -z "$PYTHON3" ] || [ -z "$OPENSSL" ]; then
	echo "SKIP: fx_fetch.sh needs python3 and openssl"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-fx-fetch.XXXXXX") || exit 1
server_pid=
cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
XDG_DATA_HOME=$tmp/xdg
export XDG_DATA_HOME
unset IFGW_NOW

. "$top_srcdir/tests/integration/lib.sh"

# Bound every ifgw run, whatever its own timeouts say.
if command -v timeout >/dev/null 2>&1; then LIMIT="timeout 30"; else LIMIT=; fi
# expect_fail DESC ERE ARGS...: exit 1, nothing on stdout, one stderr line matching ERE.
expect_fail() {
	desc=$1 re=$2
	shift 2
	run "$@"
	if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -Eq -- "$re" "$tmp/err"; then
		ok "$desc: $(cat "$tmp/err")"
	else
		not_ok "$desc (want status 1, one stderr line matching /$re/)"
		show
	fi
}
mtime() { stat -c %Y "$1"; }

echo "# a throw-away CA and a server certificate for 127.0.0.1"
mkca() { # mkca NAME CN
	cat >"$tmp/$1.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
x509_extensions = v3_ca
[dn]
CN = $2
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
EOF
	"$OPENSSL" req -x509 -config "$tmp/$1.cnf" -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$tmp/$1.key" -out "$tmp/$1.pem" -days 2 2>>"$tmp/openssl.log"
}
cat >"$tmp/server.ext" <<EOF
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1
EOF
if mkca ca "ifgw fetch test CA" && mkca other "some other CA" &&
	"$OPENSSL" req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 \
		-keyout "$tmp/server.key" -out "$tmp/server.csr" 2>>"$tmp/openssl.log" &&
	"$OPENSSL" x509 -req -in "$tmp/server.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial \
		-days 2 -extfile "$tmp/server.ext" -out "$tmp/server.pem" 2>>"$tmp/openssl.log"; then
	ok "CA, other CA and server certificate generated"
else
	not_ok "certificate generation"
	cat "$tmp/openssl.log"
	exit 1
fi

echo "# the HTTPS server on 127.0.0.1"
mkdir -p "$tmp/www" "$tmp/xdg"
cp "$top_srcdir/tests/data/fx/eurofxref-hist-90d_2023-11-30_to_2024-02-27.xml" "$tmp/www/hist-90d.xml"
cp "$top_srcdir/tests/data/fx/eurofxref-daily_2024-02-27.xml" "$tmp/www/daily.xml"
printf 'Sorry, our rates moved.\n' >"$tmp/www/garbage.xml"
head -c 30000 "$tmp/www/hist-90d.xml" >"$tmp/www/cut.xml"
chmod 644 "$tmp/www"/*
touch -d '2024-02-27 15:00:00 UTC' "$tmp/www/hist-90d.xml" "$tmp/www/daily.xml"
"$PYTHON3" "$top_srcdir/tests/integration/https_server.py" "$tmp/server.pem" "$tmp/server.key" "$tmp/www" \
	"$tmp/port" 2>"$tmp/server.log" &
server_pid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ] && kill -0 "$server_pid" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
if [ ! -s "$tmp/port" ]; then
	not_ok "server did not start"
	cat "$tmp/server.log"
	exit 1
fi
port=$(cat "$tmp/port")
base=https://127.0.0.1:$port
ok "server listening on $base"
T="--cacert $tmp/ca.pem --timeout 5 --connect-timeout 3"
size=$(wc -c <"$tmp/www/hist-90d.xml")
dates=$(grep -o 'time="' "$tmp/www/hist-90d.xml" | wc -l)
out=$tmp/rates.xml

echo "# a good fetch, then If-Modified-Since"
run fx fetch $T --out "$out" "$base/hist-90d.xml"
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "fetched $size bytes, $dates dates 2023-11-30..2024-02-27 -> $out" ] &&
	[ ! -s "$tmp/err" ] && cmp -s "$out" "$tmp/www/hist-90d.xml"; then
	ok "fetch: $(cat "$tmp/out")"
else
	not_ok "first fetch"
	show
fi
[ "$(mtime "$out")" = "$(mtime "$tmp/www/hist-90d.xml")" ] &&
	ok "local mtime = server's Last-Modified ($(date -u -d "@$(mtime "$out")" +%FT%TZ))" ||
	not_ok "local mtime $(mtime "$out") != Last-Modified $(mtime "$tmp/www/hist-90d.xml")"
cp -p "$out" "$tmp/good.xml"
run fx fetch $T --out "$out" "$base/hist-90d.xml"
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "not modified since 2024-02-27T15:00:00Z: $out kept" ] &&
	grep -q '"GET /hist-90d.xml HTTP/1.1" 304' "$tmp/server.log"; then
	ok "second fetch: server answered 304: $(cat "$tmp/out")"
else
	not_ok "second fetch should be 'not modified'"
	show
fi
run fx fetch $T --force --out "$out" "$base/hist-90d.xml"
[ "$rc" -eq 0 ] && grep -q "^fetched $size bytes" "$tmp/out" && ok "--force downloads again" || { not_ok "--force"; show; }
run fx convert --rates "$out" --date 2024-02-27 100.00 USD JPY
run2=$(cat "$tmp/out")
run fx convert --date 2024-02-27 100.00 USD JPY
[ -n "$run2" ] && [ "$run2" = "$(cat "$tmp/out")" ] && ok "the fetched XML converts like the shipped CSV: $run2" ||
	{ not_ok "fetched XML vs shipped CSV: '$run2'"; show; }
run fx fetch $T --out "$tmp/redirected.xml" "$base/redirect/hist-90d.xml"
[ "$rc" -eq 0 ] && cmp -s "$tmp/redirected.xml" "$tmp/www/hist-90d.xml" && ok "a redirect to https:// is followed" ||
	{ not_ok "redirect to https"; show; }
run fx fetch $T --out "$tmp/chunked.xml" "$base/chunked/hist-90d.xml"
[ "$rc" -eq 0 ] && cmp -s "$tmp/chunked.xml" "$tmp/www/hist-90d.xml" && ok "chunked transfer (no Content-Length)" ||
	{ not_ok "chunked"; show; }

echo "# bad downloads never replace the good file"
good_mtime=$(mtime "$out")
bad() { # bad DESC ERE URL [OPTIONS...]
	d=$1 re=$2 url=$3
	shift 3
	expect_fail "$d" "$re" fx fetch $T "$@" --out "$out" "$url"
	if cmp -s "$out" "$tmp/good.xml" && [ "$(mtime "$out")" = "$good_mtime" ]; then
		ok "  ... $out byte-identical, mtime kept"
	else
		not_ok "  ... $out was changed by a bad download"
		cp -p "$tmp/good.xml" "$out"
	fi
}
bad "HTTP 404" "HTTP 404 \\($out unchanged\\)" "$base/status/404"
bad "HTTP 500" "HTTP 500" "$base/status/500"
bad "not a rates file" "download rejected \\($out unchanged\\): $base/garbage.xml:1: not an ECB rates file" "$base/garbage.xml"
bad "complete transfer of a truncated XML file" "download rejected .*truncated" "$base/cut.xml"
bad "connection closed mid-transfer" "$base/truncated/hist-90d.xml: .*(closed|remaining|partial)" "$base/truncated/hist-90d.xml"
bad "larger than --max-size (Content-Length known)" "larger than the 1000-byte limit" "$base/hist-90d.xml" --max-size 1000 --force
bad "larger than --max-size (chunked)" "larger than the 1000-byte limit" "$base/chunked/hist-90d.xml" --max-size 1000
start=$(date +%s)
bad "a server slower than --timeout" "[Tt]imeout|timed out" "$base/slow" --timeout 1
[ $(($(date +%s) - start)) -le 5 ] && ok "  ... gave up within the timeout" || not_ok "  ... timeout not honoured"
bad "redirect to http:// refused" "$base/redirect-http/hist-90d.xml: .*(http|[Pp]rotocol)" "$base/redirect-http/hist-90d.xml"
bad "unknown CA refused" "certificate" "$base/hist-90d.xml" --force --cacert "$tmp/other.pem"
run fx fetch --force --timeout 5 --out "$out" "$base/hist-90d.xml"
if [ "$rc" -eq 1 ] && grep -q certificate "$tmp/err" && cmp -s "$out" "$tmp/good.xml"; then
	ok "system trust refuses the throw-away CA: $(cat "$tmp/err")"
else
	not_ok "system trust should refuse the throw-away CA"
	show
fi
expect_fail "nothing listening" "$tmp/never.xml not written" fx fetch $T --out "$tmp/never.xml" "https://127.0.0.1:1/x.xml"
[ ! -e "$tmp/never.xml" ] && ok "  ... no file created" || not_ok "  ... a file was created"
ls "$tmp" | grep -q '\.tmp\.' && not_ok "temporary files left behind" || ok "no temporary files left behind"

echo "# schemes"
expect_fail "http:// refused" "scheme 'http' refused: only https:// and file://" fx fetch --out "$out" "http://127.0.0.1:$port/hist-90d.xml"
expect_fail "ftp:// refused" "scheme 'ftp' refused" fx fetch --out "$out" "ftp://127.0.0.1/eurofxref.xml"
expect_fail "not a URL" "not a URL" fx fetch --out "$out" "$tmp/www/daily.xml"
cmp -s "$out" "$tmp/good.xml" && ok "  ... $out untouched by refused schemes" || not_ok "refused schemes touched $out"
run fx fetch --out "$tmp/daily.xml" "file://$tmp/www/daily.xml"
[ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "fetched 1586 bytes, 1 dates 2024-02-27..2024-02-27 -> $tmp/daily.xml" ] &&
	ok "file:// works: $(cat "$tmp/out")" || { not_ok "file://"; show; }
run fx fetch --out "$tmp/daily.xml" "file://$tmp/www/daily.xml"
[ "$rc" -eq 0 ] && grep -q "^not modified since 2024-02-27T15:00:00Z: $tmp/daily.xml kept" "$tmp/out" &&
	ok "file:// not modified: $(cat "$tmp/out")" || { not_ok "file:// If-Modified-Since"; show; }
cp -p "$tmp/daily.xml" "$tmp/daily.good"
expect_fail "file:// missing file" "$tmp/daily.xml unchanged" fx fetch --out "$tmp/daily.xml" "file://$tmp/www/nope.xml"
expect_fail "file:// garbage" "download rejected" fx fetch --out "$tmp/daily.xml" "file://$tmp/www/garbage.xml"
cmp -s "$tmp/daily.xml" "$tmp/daily.good" && ok "  ... file:// failures left the good file" || not_ok "file:// failure changed the file"

echo "# usage"
for bad_opt in "--timeout 0" "--timeout x" "--max-size 0" "--connect-timeout -1"; do
	run fx fetch $bad_opt "$base/hist-90d.xml"
	[ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "usage error: $(cat "$tmp/err")" || { not_ok "$bad_opt"; show; }
done

echo "# a fetch merges over the history held, never cuts it short (issue 8)"
cp "$tmp/good.xml" "$tmp/held.xml"
run fx fetch $T --force --out "$tmp/held.xml" "$base/daily.xml"
[ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "fetched 1586 bytes, 1 dates 2024-02-27..2024-02-27, merged with the history held: $dates dates 2023-11-30..2024-02-27 -> $tmp/held.xml" ] &&
	ok "the daily file over a 90-day copy: $(cat "$tmp/out")" || { not_ok "daily over 90-day"; show; }
run fx rates --rates "$tmp/held.xml" --date 2023-11-30 USD
[ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "USD 1.0931 2023-11-30" ] && ok "  ... older dates still answer: $(cat "$tmp/out")" ||
	{ not_ok "  ... older dates lost"; show; }
ls "$tmp" | grep -q '\.tmp\.' && not_ok "  ... temporary files left behind" || ok "  ... no temporary files left behind"

echo "# the default --out is where convert and rates look"
dflt=$XDG_DATA_HOME/ifgw/eurofxref
hist_dates=$(($(grep -c '^[12][0-9][0-9][0-9]-' "$top_srcdir/currency/data/eurofxref-hist.csv")))
hist_last=$(sed -n 2p "$top_srcdir/currency/data/eurofxref-hist.csv" | cut -d, -f1)
run fx fetch $T "$base/hist-90d.xml"
[ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "fetched $size bytes, $dates dates 2023-11-30..2024-02-27, merged with the history held: $hist_dates dates 1999-01-04..$hist_last -> $dflt" ] &&
	ok "default out, merged over the shipped history: $(cat "$tmp/out")" || { not_ok "default --out"; show; }
run fx rates --date 2024-02-27 USD
[ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "USD 1.0856 2024-02-27" ] && ok "rates read the fetched file" ||
	{ not_ok "rates with the fetched file"; show; }
run fx convert --date 2020-01-02 1.00 USD EUR
[ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "0.89 EUR rate-date 2020-01-02 rate USD/EUR 0.8934155276 EUR/USD 1.1193" ] &&
	ok "a date before the download's first still answers from the shipped history: $(cat "$tmp/out")" ||
	{ not_ok "date before the download after a merge"; show; }

echo "# progress on a terminal"
if command -v script >/dev/null 2>&1; then
	script -qec "$IFGW fx fetch $T --force --out $tmp/tty.xml $base/hist-90d.xml" /dev/null >"$tmp/tty.log" 2>&1
	grep -q "fetching: $size / $size bytes (100%)" "$tmp/tty.log" && grep -q "fetched $size bytes" "$tmp/tty.log" &&
		ok "progress line on a terminal, then the summary" || { not_ok "progress"; head -c 500 "$tmp/tty.log"; }
	run fx fetch $T --force --out "$tmp/notty.xml" "$base/hist-90d.xml"
	[ ! -s "$tmp/err" ] && ok "no progress when stderr is not a terminal" || not_ok "progress without a terminal"
else
	echo "# 'script' not found: progress check skipped"
fi

finish
