# lib.sh: what every integration script shares.  Source it after setting
# `tmp` (the script's scratch folder):
#
#     . "$top_srcdir/tests/integration/lib.sh"
#     run fx convert 1 EUR JPY; if [ $rc -eq 0 ]; then ok "..."; else not_ok "..."; show; fi
#     ...
#     finish
#
# run: ifgw with stdout in $tmp/out, stderr in $tmp/err, status in $rc;
# $LIMIT (e.g. "timeout 20") is put in front when set.

n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

run() {
	${LIMIT:-} "$IFGW" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

show() {
	echo "  # status $rc; stdout: $(head -c 600 "$tmp/out")"
	echo "  # stderr: $(head -c 600 "$tmp/err")"
}

# The plain closing line CI reads, and the script's status.
finish() {
	echo "1..$n"
	echo "$((n - failed)) passed, $failed failed"
	[ "$failed" -eq 0 ]
}
