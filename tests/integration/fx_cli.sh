#!/bin/sh
# fx_cli.sh: `ifgw fx convert` and `ifgw fx rates` on the real shipped ECB
# history, as a user runs them.  Conversions are replayed from the fixture
# tests/data/fx/conversions.tsv (computed independently with python
# fractions by tests/data/gen_fx_fixtures.py); every error path must give
# exit 1 (2 for usage) and exactly one line on stderr.
#
# Environment (set by `make check`): IFGW, top_srcdir; IFGW_DATADIR, PYTHON3 optional.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-fx-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
# Never pick up a rates file the user fetched: the shipped one is under test.
XDG_DATA_HOME=$tmp/xdg
export XDG_DATA_HOME
# The shipped history ends 2026-04-13; fixture rows go up to 2026-04-20.
IFGW_NOW=2026-04-20T12:00:00Z
export IFGW_NOW

HIST=$top_srcdir/currency/data/eurofxref-hist.csv
FIXTURES=$top_srcdir/tests/data/fx/conversions.tsv
TAB=$(printf '\t')
. "$top_srcdir/tests/integration/lib.sh"

# expect_ok DESC EXPECTED-STDOUT ARGS...: exit 0, stdout exactly, stderr empty.
expect_ok() {
	desc=$1 want=$2
	shift 2
	run "$@"
	if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/out")" = "$want" ] && [ ! -s "$tmp/err" ]; then
		ok "$desc"
	else
		not_ok "$desc (want: $want)"
		show
	fi
}

# expect_fail DESC STATUS ERE ARGS...: that exit status, nothing on stdout,
# exactly one line on stderr, matching ERE.
expect_fail() {
	desc=$1 want=$2 re=$3
	shift 3
	run "$@"
	if [ "$rc" -eq "$want" ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -Eq -- "$re" "$tmp/err"; then
		ok "$desc: $(cat "$tmp/err")"
	else
		not_ok "$desc (want status $want, one stderr line matching /$re/)"
		show
	fi
}

# expect_help DESC ARGS...: exit 0, a usage text on stdout, nothing on stderr.
expect_help() {
	desc=$1
	shift
	run "$@"
	if [ "$rc" -eq 0 ] && grep -q '^usage: ifgw' "$tmp/out" && [ ! -s "$tmp/err" ]; then
		ok "$desc"
	else
		not_ok "$desc"
		show
	fi
}

echo "# version and help"
run --version
if [ "$rc" -eq 0 ] && grep -Eq '^ifgw [0-9]+\.[0-9]+\.[0-9]+' "$tmp/out"; then ok "ifgw --version: $(cat "$tmp/out")"; else not_ok "ifgw --version"; show; fi
expect_help "ifgw --help" --help
expect_help "ifgw fx --help" fx --help
expect_help "ifgw fx convert --help" fx convert --help
expect_help "ifgw fx rates --help" fx rates --help
expect_help "ifgw fx fetch --help" fx fetch --help

echo "# conversions replayed from $FIXTURES (every 10th row, and every error row)"
line=0
checked=0
while IFS=$TAB read -r file as_of max_age amount from to rounding status result rate_date fpe tpe; do
	case $file in hist) rates=$HIST ;; crafted) rates=$top_srcdir/tests/data/fx/crafted-3dec.csv ;; *) continue ;; esac
	line=$((line + 1))
	[ "$status" = OK ] && [ $((line % 10)) -ne 0 ] && continue
	checked=$((checked + 1))
	what="$amount $from -> $to on $as_of ($file, $rounding, max-age $max_age)"
	[ "$max_age" = -1 ] && max_age=none
	run fx convert --rates "$rates" --date "$as_of" --max-age "$max_age" --rounding "$rounding" -- "$amount" "$from" "$to"
	if [ "$status" != OK ]; then
		case $status in
		ESTALE) re='are stale' ;;
		ENOTFOUND) re='no ECB rate|before the first ECB publication' ;;
		EOVERFLOW) re='overflow' ;;
		*) re='.' ;;
		esac
		if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -Eq "$re" "$tmp/err"; then
			ok "$what: $status: $(cat "$tmp/err")"
		else
			not_ok "$what: want $status"
			show
		fi
		continue
	fi
	# RESULT CCY rate-date D rate FROM/TO R [EUR/FROM X] [EUR/TO Y]; ECB rates compared as numbers
	# (the fixture keeps the file's text, ifgw drops trailing zeros).
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] &&
		awk -v r="$result" -v c="$to" -v d="$rate_date" -v f="$from" -v fpe="$fpe" -v tpe="$tpe" '
			{ ok = $1 == r && $2 == c && $3 == "rate-date" && $4 == d && $5 == "rate" && $6 == f "/" c
			  for (i = 8; i < NF; i += 2) {
				if ($i == "EUR/" f) ok = ok && ($(i + 1) + 0 == fpe + 0)
				else if ($i == "EUR/" c) ok = ok && ($(i + 1) + 0 == tpe + 0)
				else ok = 0
			  }
			  if (f == "EUR" && c != "EUR") ok = ok && ($7 + 0 == tpe + 0)
			  exit !ok }' "$tmp/out"; then
		ok "$what = $(cat "$tmp/out")"
	else
		not_ok "$what: want $result $to rate-date $rate_date"
		show
	fi
done <"$FIXTURES"
[ "$checked" -gt 100 ] && ok "replayed $checked fixture rows" || not_ok "only $checked fixture rows replayed"

echo "# the cross rate shown (10 significant digits, half-even) against python fractions"
if [ -n "${PYTHON3:-}" ] || PYTHON3=$(command -v python3); then
	for spec in "2026-04-13 USD JPY" "1999-01-04 JPY EUR" "2024-02-23 IDR CHF" "2020-03-16 GBP KRW"; do
		set -- $spec
		run fx convert --rates "$HIST" --date "$1" 1 "$2" "$3"
		got=$(awk '{ print $7 }' "$tmp/out")
		want=$("$PYTHON3" - "$HIST" "$1" "$2" "$3" <<'EOF'
import csv, sys
from decimal import Decimal, ROUND_HALF_EVEN, localcontext
from fractions import Fraction
path, day, a, b = sys.argv[1:]
with open(path, newline="") as f:
    rows = csv.reader(f)
    head = [h.strip() for h in next(rows)]
    for row in rows:
        if row and row[0] == day:
            rate = {c: Fraction(Decimal(v)) for c, v in zip(head[1:], row[1:]) if c and v.strip() not in ("", "N/A")}
            break
rate["EUR"] = Fraction(1)
q = rate[b] / rate[a]
with localcontext() as ctx:
    ctx.prec = 10
    ctx.rounding = ROUND_HALF_EVEN
    d = +(Decimal(q.numerator) / Decimal(q.denominator))
s = format(d, "f")
print(s.rstrip("0").rstrip(".") if "." in s else s)
EOF
)
		[ "$rc" -eq 0 ] && [ "$got" = "$want" ] && ok "rate $2/$3 on $1 = $got" || { not_ok "rate $2/$3 on $1: got '$got', want '$want'"; show; }
	done
else
	echo "# python3 not found: cross-rate check skipped"
fi

echo "# dates: weekend, default date, staleness"
fri=$(awk -F, '$1 == "1999-01-08" { print $3 }' "$HIST")
expect_ok "a Saturday (1999-01-09) uses Friday's EUR/JPY $fri" \
	"$(awk -v r="$fri" 'BEGIN { printf "%.0f JPY rate-date 1999-01-08 rate EUR/JPY %s", 100 * r, r }')" \
	fx convert --date 1999-01-09 100.00 EUR JPY
expect_ok "three rounding modes on a tie: 50.00 EUR x 133.73 = 6686.5 JPY, half-even" \
	"6686 JPY rate-date 1999-01-04 rate EUR/JPY 133.73" fx convert --date 1999-01-04 50.00 EUR JPY
expect_ok "  half-up" "6687 JPY rate-date 1999-01-04 rate EUR/JPY 133.73" \
	fx convert --rounding half-up --date 1999-01-04 50.00 EUR JPY
expect_ok "  toward-zero" "6686 JPY rate-date 1999-01-04 rate EUR/JPY 133.73" \
	fx convert --rounding toward-zero --date 1999-01-04 50.00 EUR JPY
expect_ok "  negative tie, half-up goes away from zero" "-6687 JPY rate-date 1999-01-04 rate EUR/JPY 133.73" \
	fx convert --rounding half-up --date 1999-01-04 -- -50.00 EUR JPY
expect_ok "same currency is the identity" "100.00 USD rate-date 2026-04-13 rate USD/USD 1" \
	fx convert --date 2026-04-13 100.00 USD USD
expect_ok "no --date, file current (today 2026-04-15): today's as-of, latest rates" \
	"15983 JPY rate-date 2026-04-13 rate USD/JPY 159.833961 EUR/USD 1.1684 EUR/JPY 186.75" \
	--now 2026-04-15 fx convert 100 USD JPY
run --now 2026-11-27 fx convert 100 USD JPY
if [ "$rc" -eq 0 ] && grep -q '^15983 JPY rate-date 2026-04-13 ' "$tmp/out" && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	grep -q 'note: .* ends 2026-04-13, 228 days before today (2026-11-27)' "$tmp/err"; then
	ok "no option, shipped file 228 days old: latest rates used, one-line note: $(cat "$tmp/err")"
else
	not_ok "no option, shipped file 228 days old"
	show
fi
expect_fail "no --date but --max-age: the limit is enforced" 1 'stale: latest 2026-04-13 is 228 days before 2026-11-27' \
	--now 2026-11-27 fx convert --max-age 5 100 USD JPY
expect_fail "explicit --date beyond the file: stale" 1 'stale' \
	--now 2026-11-27 fx convert --date 2026-11-27 100 USD JPY
expect_ok "--max-age widens the limit" "0.86 EUR rate-date 2026-04-13 rate USD/EUR 0.855871277 EUR/USD 1.1684" \
	--now 2026-11-27 fx convert --date 2026-11-27 --max-age 300 1.00 USD EUR
expect_ok "a clock set back ignores the later publications (issue 8)" \
	"15018 JPY rate-date 2024-02-27 rate USD/JPY 150.1842299 EUR/USD 1.0856 EUR/JPY 163.04" \
	--now 2024-03-01 fx convert --date 2024-02-27 100.00 USD JPY
expect_ok "a cross rate from one publication" \
	"9.52 USD rate-date 2022-03-01 rate RUB/USD 0.009523809524 EUR/RUB 117.201 EUR/USD 1.1162" \
	fx convert --date 2022-03-01 1000.00 RUB USD
expect_fail "a cross rate never mixes two publications (issue 8)" 1 \
	"no ECB rate for RUB in the publication of 2022-03-04 \(last quoted 2022-03-01\); --allow-mixed-dates" \
	fx convert --date 2022-03-04 1000.00 RUB USD
expect_ok "--allow-mixed-dates: each rate with its own date" \
	"9.33 USD rate-date 2022-03-01 rate RUB/USD 0.009325005759 EUR/RUB 117.201 (2022-03-01) EUR/USD 1.0929 (2022-03-04)" \
	fx convert --allow-mixed-dates --date 2022-03-04 1000.00 RUB USD
expect_ok "one rate (to EUR) is not a cross: its latest publication serves" \
	"8.53 EUR rate-date 2022-03-01 rate RUB/EUR 0.008532350407 EUR/RUB 117.201" \
	fx convert --date 2022-03-04 1000.00 RUB EUR

echo "# error paths: exit 1, one line on stderr"
expect_fail "unknown currency" 1 "unknown currency 'XYZ'" fx convert 100 USD XYZ
expect_fail "not a currency code" 1 "'usd' is not a three-letter" fx convert 100 usd JPY
expect_fail "too many decimals for JPY" 1 "'1.5' has 1 decimal, JPY allows 0" fx convert 1.5 JPY EUR
expect_fail "too many decimals for KWD" 1 "KWD allows 3" fx convert 1.2345 KWD EUR
expect_fail "exponent notation" 1 "exponent" fx convert 1e3 EUR USD
expect_fail "a decimal comma is named as such" 1 "amount '100,00': ',' used as the decimal separator: use '.' for decimals" \
	fx convert 100,00 EUR USD
for c in ANG:2025-03 ZWL:2024-09 SLL:2023-12 CUC:2021-06; do
	expect_fail "withdrawn ${c%%:*} refused as withdrawn" 1 "${c%%:*} is not a currency amounts can be held in \(withdrawn from ISO 4217 in ${c#*:}\)" \
		fx convert 100.00 "${c%%:*}" EUR
done
expect_fail "withdrawn target refused as withdrawn" 1 "CUC is not a currency amounts can be held in \(withdrawn from ISO 4217 in 2021-06\)" \
	fx convert 100.00 EUR CUC
expect_fail "a metal is not money" 1 "XAU is not a currency" fx convert 1 EUR XAU
expect_fail "bad date" 1 "date 2024-02-30 does not exist" fx convert --date 2024-02-30 100 USD JPY
expect_fail "malformed date" 1 "'2024/02/01' is not YYYY-MM-DD" fx convert --date 2024/02/01 100 USD JPY
expect_fail "future date" 1 "2026-04-21 is in the future \(today is 2026-04-20\)" fx convert --date 2026-04-21 100 USD JPY
expect_fail "a clock before every publication" 1 "every publication in the file is after today \(1999-01-03\)" \
	--now 1999-01-03 fx convert 100 USD JPY
expect_fail "date before 1999" 1 "before the first ECB publication \(1999-01-04\)" fx convert --date 1998-12-31 100 USD JPY
expect_fail "amount beyond int64" 1 "too large" fx convert 92233720368547758.08 EUR USD
expect_fail "result overflows" 1 "overflows" fx convert --date 2026-04-13 90000000000000000.00 EUR IDR
expect_fail "currency not quoted that day" 1 "no ECB rate for TRY on or before 2004-06-01" \
	fx convert --date 2004-06-01 1.00 TRY EUR
expect_fail "missing rates file" 1 "$tmp/none.csv: cannot open" fx convert --rates "$tmp/none.csv" 1 EUR USD
printf '<?xml version="1.0"?>\n<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01">\n<Cube><Cube time="2024-01-05"><Cube currency="USD" rate="1.1"/>\n</Cube></Cube><junk\n' >"$tmp/bad.xml"
expect_fail "malformed XML rates file" 1 "$tmp/bad.xml:[0-9]+: " fx convert --rates "$tmp/bad.xml" 1 EUR USD
printf 'Date,USD,JPY,\n2024-01-05,1.1,0,\n' >"$tmp/zero.csv"
expect_fail "a rate of zero" 1 "$tmp/zero.csv:2: .*0" fx convert --rates "$tmp/zero.csv" 1 EUR USD
printf 'Date,USD,JPY,\n2024-01-05,-1.1,150,\n' >"$tmp/neg.csv"
expect_fail "a negative rate" 1 "$tmp/neg.csv:2: " fx convert --rates "$tmp/neg.csv" 1 EUR USD
head -c 5000 "$HIST" >"$tmp/trunc.csv"
expect_fail "truncated CSV" 1 "$tmp/trunc.csv:[0-9]+: " fx convert --rates "$tmp/trunc.csv" 1 EUR USD
head -c 30000 "$top_srcdir/tests/data/fx/eurofxref-hist-90d_2023-11-30_to_2024-02-27.xml" >"$tmp/trunc.xml"
expect_fail "truncated XML" 1 "$tmp/trunc.xml:[0-9]+: .*truncated" fx convert --rates "$tmp/trunc.xml" 1 EUR USD
: >"$tmp/empty.csv"
expect_fail "empty rates file" 1 "$tmp/empty.csv: empty" fx convert --rates "$tmp/empty.csv" 1 EUR USD
expect_fail "rates: unknown currency" 1 "unknown currency 'XYZ'" fx rates USD XYZ
expect_fail "rates: stale" 1 "ECB rates for ISK are stale" fx rates --date 2008-12-31 ISK

echo "# usage errors: exit 2, one line on stderr"
expect_fail "unknown option" 2 "unknown option '--bogus'" fx convert --bogus 1 EUR USD
expect_fail "missing argument" 2 "expected AMOUNT FROM TO, got 2" fx convert 1 EUR
expect_fail "bad rounding" 2 "--rounding 'up'" fx convert --rounding up 1 EUR USD
expect_fail "bad --max-age" 2 "--max-age 'x'" fx convert --max-age x 1 EUR USD
expect_fail "negative amount without --" 2 "needs '--' before it" fx convert -100 EUR USD
expect_fail "option without its value" 2 "'--date' needs a value" fx convert --date
expect_fail "unknown subcommand" 2 "unknown subcommand 'frobnicate'" fx frobnicate
expect_fail "fetch without URL" 2 "expected one URL" fx fetch

echo "# ifgw fx rates"
usd=$(awk -F, '$1 == "2024-02-27" { print $2 }' "$HIST")
jpy=$(awk -F, '$1 == "2024-02-27" { print $3 }' "$HIST")
expect_ok "rates for USD JPY EUR on 2024-02-27" "USD $usd 2024-02-27
JPY $jpy 2024-02-27
EUR 1 2024-02-27" fx rates --date 2024-02-27 USD JPY EUR
usd_fri=$(awk -F, '$1 == "2024-02-23" { print $2 }' "$HIST")
expect_ok "rates on a Sunday are Friday's" "USD $usd_fri 2024-02-23" fx rates --date 2024-02-25 USD
run fx rates --date 2024-02-27
want=$(awk -F, '$1 == "2024-02-27" { for (i = 2; i <= NF; i++) if ($i != "" && $i != "N/A") n++; print n }' "$HIST")
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq "$want" ] && head -n 1 "$tmp/out" | grep -qx "USD $usd 2024-02-27"; then
	ok "all rates on 2024-02-27: $want currencies, USD first"
else
	not_ok "all rates on 2024-02-27 (want $want lines)"
	show
fi
finish
