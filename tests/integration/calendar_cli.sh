#!/bin/sh
# calendar_cli.sh: `ifgw calendar ...` as a user runs it, with the shipped
# calendar data files: holiday lists, business-day and business-hour
# arithmetic, and the error paths (exit 1 for a failure or a "closed"
# answer, 2 for usage, 3 for a date outside the covered years, exactly one
# line on stderr), and the warning near the end of a calendar's coverage.
#
# Environment (set by `make check`): IFGW, top_srcdir; IFGW_DATADIR optional.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR
# A clock far from any calendar's end of coverage: no warnings, whatever
# the day the tests run (the warnings are tested below with --now).
IFGW_NOW=2026-06-01
export IFGW_NOW

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-calendar-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
TAB=$(printf '\t')
. "$top_srcdir/tests/integration/lib.sh"

# expect STATUS DESC EXPECTED-STDOUT ARGS...: that status, stdout exactly, stderr empty.
expect() {
	want_rc=$1 desc=$2 want=$3
	shift 3
	run "$@"
	if [ "$rc" -eq "$want_rc" ] && [ "$(cat "$tmp/out")" = "$want" ] && [ ! -s "$tmp/err" ]; then
		ok "$desc"
	else
		not_ok "$desc (want status $want_rc, stdout: $want)"
		show
	fi
}

# expect_fail DESC STATUS ERE ARGS...: that status, nothing on stdout, one
# line on stderr matching ERE.
expect_fail() {
	desc=$1 want_rc=$2 re=$3
	shift 3
	run "$@"
	if [ "$rc" -eq "$want_rc" ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -Eq "$re" "$tmp/err"; then
		ok "$desc"
	else
		not_ok "$desc (want status $want_rc, stderr matching $re)"
		show
	fi
}

# The gov.uk list for 2026, as the command prints it.
want_gb="2026-01-01${TAB}Thu${TAB}holiday${TAB}New Year's Day
2026-04-03${TAB}Fri${TAB}holiday${TAB}Good Friday
2026-04-06${TAB}Mon${TAB}holiday${TAB}Easter Monday
2026-05-04${TAB}Mon${TAB}holiday${TAB}Early May bank holiday
2026-05-25${TAB}Mon${TAB}holiday${TAB}Spring bank holiday
2026-08-31${TAB}Mon${TAB}holiday${TAB}Summer bank holiday
2026-12-25${TAB}Fri${TAB}holiday${TAB}Christmas Day
2026-12-28${TAB}Mon${TAB}holiday${TAB}Boxing Day (substitute day)"
expect 0 "holidays GB 2026" "$want_gb" calendar holidays GB 2026

# Every reference list under tests/data/calendars matches `holidays`.
for ref in "$top_srcdir"/tests/data/calendars/*-*.txt; do
	base=$(basename "$ref" .txt)
	cal=${base%-*}
	year=${base##*-}
	grep -v '^#' "$ref" >"$tmp/want"
	run calendar holidays "$cal" "$year"
	cut -f1,3,4 "$tmp/out" >"$tmp/got"
	if [ "$rc" -eq 0 ] && cmp -s "$tmp/want" "$tmp/got"; then
		ok "holidays $cal $year matches $base.txt"
	else
		not_ok "holidays $cal $year matches $base.txt"
		diff "$tmp/want" "$tmp/got" | head -5 | sed 's/^/  # /'
	fi
done

expect 0 "is: a business day" "2024-12-24 Tue TARGET: business day" calendar is TARGET 2024-12-24
expect 1 "is: closed on a holiday (status 1)" "2024-12-25 Wed TARGET: closed (Christmas Day)" \
	calendar is TARGET 2024-12-25
expect 1 "is: closed on a weekend" "2024-12-28 Sat TARGET: closed (weekend)" calendar is target 2024-12-28
expect 0 "is: CN worked Sunday" "2024-02-04 Sun CN: business day (Spring Festival (adjusted working day))" \
	calendar is CN 2024-02-04
expect 0 "is: TR half day counts" "2024-04-09 Tue TR: business day (Ramazan Bayrami eve (half day))" \
	calendar is TR 2024-04-09

expect 0 "add across Easter" "2024-04-02 Tue" calendar add TARGET 2024-03-28 1
expect 0 "add back across Easter (negative N, no --)" "2024-03-28 Thu" calendar add TARGET 2024-04-02 -1
expect 0 "add 0 rolls a Saturday forward" "2024-04-02 Tue" calendar add TARGET 2024-03-30 0
expect 0 "add across the year end" "2025-01-02 Thu" calendar add TARGET 2024-12-24 4
expect 0 "add onto a CN worked Sunday" "2024-02-04 Sun" calendar add CN 2024-02-02 1
expect 0 "add over JP bank holidays" "2025-01-06 Mon" calendar add JP 2024-12-30 1
expect 0 "between: TARGET 2024" "256" calendar between TARGET 2023-12-31 2024-12-31
expect 0 "between: reversed" "-1" calendar between TARGET 2024-04-02 2024-03-28
expect 0 "48 business hours from Friday 15:00" "2024-06-11T15:00:00 Tue" calendar add-hours FR 2024-06-07T15:00 48
expect 0 "48 business hours over Whit Monday" "2024-05-22T15:00:00 Wed" \
	calendar add-hours FR 2024-05-17T15:00:00 48
expect 0 "24 business hours over a GB bank holiday" "2026-05-26T09:30:00 Tue" \
	calendar add-hours GB 2026-05-22T09:30 24

run calendar list
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 11 ] && grep -q '^CN *2019-2026 ' "$tmp/out" &&
	grep -q '^CN *2019-2026  data  ' "$tmp/out" && grep -q '^TR *2019-2026  data  ' "$tmp/out" &&
	grep -q '^TARGET *1999-2099  computed  ' "$tmp/out" && grep -q '^GB *1999-2099  computed  ' "$tmp/out" &&
	[ ! -s "$tmp/err" ]; then
	ok "list: 11 calendars, CN covers 2019-2026 from data, TARGET 1999-2099 computed"
else
	not_ok "list"
	show
fi
run calendar --help
if [ "$rc" -eq 0 ] && grep -q 'add-hours' "$tmp/out"; then ok "calendar --help"; else not_ok "calendar --help"; show; fi
run calendar between --help
if [ "$rc" -eq 0 ] && grep -q 'usage: ifgw calendar between CAL FROM TO' "$tmp/out"; then
	ok "between --help"
else
	not_ok "between --help"
	show
fi

expect_fail "year not covered by the CN data (status 3)" 3 \
	'calendar CN: 2027-01-04 is outside the covered years 2019-2026' calendar add CN 2027-01-04 1
expect_fail "counting runs past the covered years (status 3)" 3 \
	'calendar TR: counting forward from 2026-12-30 runs past' calendar add TR 2026-12-30 5
expect_fail "holidays of an uncovered year (status 3)" 3 'year 2030 is outside the covered years 2019-2026' \
	calendar holidays CN 2030
expect_fail "is: outside coverage is status 3, not 1 (closed)" 3 'calendar TARGET: 2100-01-01 is outside' \
	calendar is TARGET 2100-01-01
expect_fail "between past the covered years (status 3)" 3 'outside the covered years 2019-2026' \
	calendar between CN 2026-06-01 2027-06-01
expect_fail "add-hours past the covered years (status 3)" 3 'runs past the covered years' \
	calendar add-hours TR 2026-12-30T12:00 96

# From 90 days before a calendar's coverage ends, by the clock (--now or
# IFGW_NOW): the answer as usual, plus one warning line on stderr.
# expect_warn DESC STATUS EXPECTED-STDOUT ERE ARGS...
expect_warn() {
	desc=$1 want_rc=$2 want=$3 re=$4
	shift 4
	run "$@"
	if [ "$rc" -eq "$want_rc" ] && [ "$(cat "$tmp/out")" = "$want" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
		grep -Eq "$re" "$tmp/err"; then
		ok "$desc"
	else
		not_ok "$desc (want status $want_rc, stdout: $want, stderr matching $re)"
		show
	fi
}
expect 0 "no warning 91 days before CN's coverage ends" "2026-10-08 Thu CN: business day" \
	--now 2026-10-01 calendar is CN 2026-10-08
expect_warn "warning 90 days before CN's coverage ends" 0 "2026-10-08 Thu CN: business day" \
	'^ifgw calendar is: warning: calendar CN covers dates up to 2026-12-31, 90 days from today: later dates are refused until its data file has the next year.s published schedule$' \
	--now 2026-10-02 calendar is CN 2026-10-08
IFGW_NOW=2026-12-02T09:00:00Z expect_warn "warning from IFGW_NOW, closed day still status 1" 1 \
	"2026-05-29 Fri TR: closed (Kurban Bayrami day 3)" 'warning: calendar TR covers dates up to 2026-12-31, 29 days from today' \
	calendar is TR 2026-05-29
expect_warn "warning once coverage has ended" 0 "2026-12-31 Thu" \
	'warning: calendar CN covers dates up to 2026-12-31, 5 days ago' --now 2027-01-05 calendar add CN 2026-12-30 1
expect 0 "no warning for a computed calendar" "2026-12-31 Thu TARGET: business day" \
	--now 2026-12-02 calendar is TARGET 2026-12-31
run --now 2026-12-02 calendar list
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 11 ] && [ "$(wc -l <"$tmp/err")" -eq 2 ] &&
	grep -q 'warning: calendar CN covers dates up to 2026-12-31, 29 days' "$tmp/err" &&
	grep -q 'warning: calendar TR covers dates up to 2026-12-31, 29 days' "$tmp/err"; then
	ok "list warns for CN and TR 29 days before their coverage ends"
else
	not_ok "list warns for CN and TR"
	show
fi
expect_fail "unknown calendar" 1 "calendar 'XX' is unknown \(known: TARGET, FR, DE" calendar is XX 2024-01-01
expect_fail "bad date" 2 "'2024-02-30' is not a date YYYY-MM-DD" calendar is TARGET 2024-02-30
expect_fail "bad count" 2 "'1.5' is not a whole number of business days" calendar add TARGET 2024-01-02 1.5
expect_fail "bad local time" 2 "is not a local time" calendar add-hours FR 2024-06-07T15 48
expect_fail "missing argument" 2 'expected CAL FROM TO, got 2 arguments' calendar between TARGET 2024-01-01
expect_fail "unknown option" 2 "unknown option '--bogus'" calendar add --bogus TARGET 2024-01-01 1
expect_fail "unknown subcommand" 2 "unknown subcommand 'frobnicate'" calendar frobnicate

# A broken data file fails its calendar only, naming file and line.
mkdir -p "$tmp/data/currency/data/calendars"
printf 'years\t2024-2024\n2024-02-05\tworking\tMonday\n' >"$tmp/data/currency/data/calendars/cn.txt"
IFGW_DATADIR=$tmp/data expect_fail "broken cn.txt names file and line" 1 \
	'cn.txt:2: working day 2024-02-05 is not a Saturday or Sunday' calendar is CN 2024-02-05
IFGW_DATADIR=$tmp/data expect 0 "other calendars still work" "2024-02-05 Mon TARGET: business day" \
	calendar is TARGET 2024-02-05

finish
