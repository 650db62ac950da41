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

# Checks of the last run: its status, and a whole line of its stdout or stderr.
status_is() { # DESC STATUS
	if [ "$rc" -eq "$2" ]; then ok "$1"; else not_ok "$1 (status $rc, want $2)"; show; fi
}
out_has() { # DESC FIXED-LINE
	if grep -Fxq -- "$2" "$tmp/out"; then ok "$1"; else not_ok "$1 (stdout lacks: $2)"; show; fi
}
err_has() { # DESC FIXED-LINE
	if grep -Fxq -- "$2" "$tmp/err"; then ok "$1"; else not_ok "$1 (stderr lacks: $2)"; show; fi
}

# The plain closing line CI reads, and the script's status.
finish() {
	echo "1..$n"
	echo "$((n - failed)) passed, $failed failed"
	[ "$failed" -eq 0 ]
}
