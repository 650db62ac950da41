#!/bin/sh
# install_cli.sh: the installed program runs on its installed data alone.
# `make install DESTDIR=` into a scratch folder, the installed tree moved to
# another folder (so neither the configured prefix nor the build tree can
# serve), then run from there with IFGW_DATADIR unset: start-up (every
# schema), fx convert (the rates), each calendar with a data file, adapter
# encode to both formats, invoices check.  Then the same with a data file
# removed: it must fail, naming where it looked, and IFGW_DATADIR must serve
# again.  A program outside its build tree never reads the source tree
# (base/datadir.h), so this holds with the build tree in place.
#
# Environment (set by `make check`): IFGW, top_srcdir, top_builddir, MAKE.
set -u
: "${IFGW:?set IFGW}" "${top_srcdir:?set top_srcdir}" "${top_builddir:?set top_builddir}"
unset IFGW_DATADIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-install.XXXXXX") || exit 1
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "$top_srcdir/tests/integration/lib.sh"
rc=0

check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; show; fi
}
status() { [ "$rc" -eq "$1" ]; }
has_out() { grep -q -- "$1" "$tmp/out"; }
has_err() { grep -q -- "$1" "$tmp/err"; }
no_err() { [ ! -s "$tmp/err" ]; }

# 1. install, staged; a make of its own (no jobserver from make check's)
if ! (cd "$top_builddir" && env MAKEFLAGS= MFLAGS= ${MAKE:-make} install DESTDIR="$tmp/stage") \
	>"$tmp/install.log" 2>&1; then
	not_ok "make install DESTDIR=..."
	tail -20 "$tmp/install.log"
	finish
	exit 1
fi
ok "make install DESTDIR=..."
bin=$(find "$tmp/stage" -type f -name ifgw -perm -u+x | head -n 1)
data=$(find "$tmp/stage" -type d -path '*/ifgw/currency' | head -n 1)
data=${data%/currency}
if [ -z "$bin" ] || [ -z "$data" ]; then
	not_ok "installed: the program and its data folder"
	find "$tmp/stage" | head -40
	finish
	exit 1
fi
ok "installed: the program and its data folder"

# every shipped data file, unchanged, with the attributions beside them
missing=
for f in currency/data/eurofxref-hist.csv currency/data/SOURCES.md \
	currency/data/iso4217-codes-all.csv currency/data/iso4217-list-one.xml \
	currency/data/iso4217-historic-minor-units.txt adapters/iso20022/schema/SOURCES.md \
	config/schema/ifgw-config-1.xsd model/schema/ifgw-canonical-1.xsd \
	adapters/edifactoring/schema/edifactoring-1.xsd; do
	cmp -s "$top_srcdir/$f" "$data/$f" || missing="$missing $f"
done
for f in "$top_srcdir"/currency/data/calendars/*.txt "$top_srcdir"/adapters/*/schema/*.xsd; do
	f=${f#"$top_srcdir"/}
	cmp -s "$top_srcdir/$f" "$data/$f" || missing="$missing $f"
done
check "every data file installed unchanged (missing or different:${missing:- none})" [ -z "$missing" ]

# 2. the installed tree moved elsewhere; run from a folder of its own
mv "$tmp/stage" "$tmp/moved"
bin=$tmp/moved${bin#"$tmp/stage"}
data=$tmp/moved${data#"$tmp/stage"}
mkdir "$tmp/work"
cp "$top_srcdir/examples/ifgw.xml" "$top_srcdir/tests/data/invoices/ubl-invoice-jpy.xml" "$tmp/work/"
# a message from this node (FR00001) to each partner
for p in DE00123 DE00456; do
	sed -e 's|<Code>DE00123</Code>|<Code>@NODE@</Code>|' -e "s|<Code>FR00456</Code>|<Code>$p</Code>|" \
		-e 's|<Code>@NODE@</Code>|<Code>FR00001</Code>|' \
		"$top_srcdir/tests/data/model/seller-registration.xml" >"$tmp/work/$p.xml"
done
cd "$tmp/work" || exit 1
IFGW=$bin

run calendar is FR 2026-01-02
check "start-up: every schema found" sh -c "[ $rc -eq 0 ] && grep -q 'FR: business day' '$tmp/out'"
run fx convert --date 2024-02-27 100.00 USD JPY
check "fx convert: the installed rates" status 0
check "... the amount" has_out '^15018 JPY rate-date 2024-02-27 '
run calendar is JP 2026-01-01
check "calendar JP: New Year's Day closed" has_out "JP: closed (New Year's Day)"
check "... nothing on stderr" no_err
run calendar is JP 2019-05-01
check "calendar JP: 2019-05-01 closed, from jp.txt" has_out "JP: closed"
for c in CN:2026-02-17 GB:2022-09-19 TR:2026-03-20; do
	run calendar is "${c%%:*}" "${c#*:}"
	check "calendar ${c%%:*}: ${c#*:} closed, from its data file" has_out "${c%%:*}: closed"
done
run adapter list
check "adapter list: both formats" sh -c "[ $rc -eq 0 ] && grep -q '^edifactoring ' '$tmp/out' && grep -q '^iso20022 ' '$tmp/out'"
run adapter encode --config ifgw.xml --partner DE00123 --out de.xml DE00123.xml
check "adapter encode: edifactoring MSG01" sh -c "[ $rc -eq 0 ] && grep -q '<MSG01 ' de.xml"
run adapter encode --config ifgw.xml --partner DE00456 --out iso.xml DE00456.xml
check "adapter encode: ISO 20022 tsin" sh -c "[ $rc -eq 0 ] && grep -q 'tsin' iso.xml"
run invoices check ubl-invoice-jpy.xml
check "invoices check: a UBL invoice read" has_out 'MIC-JP-2024-00815	2024-04-15	2024-07-15	4830000	JPY	invoice'
check "... status 0" status 0

# 3. a data file missing: fails, says where it looked; IFGW_DATADIR serves
mkdir -p "$tmp/alt/currency/data/calendars"
mv "$data/currency/data/calendars/jp.txt" "$tmp/alt/currency/data/calendars/"
run calendar is JP 2026-01-01
check "jp.txt missing: JP refused" sh -c "[ $rc -ne 0 ] && [ ! -s '$tmp/out' ]"
check "... naming the file and the installed folder" has_err "data file currency/data/calendars/jp.txt not found in $tmp/moved/"
check "... no variable left unexpanded" sh -c "! grep -q '\\\$' '$tmp/err'"
check "... nor the source tree" sh -c "! grep -qF '$top_srcdir' '$tmp/err'"
IFGW_DATADIR=$tmp/alt
export IFGW_DATADIR
run calendar is JP 2026-01-01
check "IFGW_DATADIR: looked in first" has_out "JP: closed (New Year's Day)"
unset IFGW_DATADIR
mv "$data/currency/data/eurofxref-hist.csv" "$tmp/alt/"
run fx convert --date 2024-02-27 100.00 USD JPY
check "rates missing: fx convert refused" sh -c "[ $rc -ne 0 ] && grep -q 'eurofxref-hist.csv not found in ' '$tmp/err'"
mv "$data/adapters/edifactoring/schema/MSG09.xsd" "$tmp/alt/"
run calendar is FR 2026-01-02
check "a schema missing: start-up refused" sh -c "[ $rc -ne 0 ] && grep -q 'MSG09.xsd not found in ' '$tmp/err'"

finish
