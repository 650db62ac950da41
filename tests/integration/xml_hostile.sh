#!/bin/sh
# xml_hostile.sh: `ifgw sign` / `ifgw verify` on hostile XML, as a partner
# would send it (issue 9): a signed message followed by a NUL and anything,
# namespace errors (undeclared prefix; one attribute twice through two
# prefixes bound to one URI), a bad charset byte, 100,000 attributes or
# namespace declarations on one element.  Each is refused with exit 1 and
# exactly one line on stderr naming the first fatal error and its line.
#
# Environment (set by `make check`): IFGW, top_srcdir.
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
unset IFGW_NOW
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-xml-hostile.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
data=$top_srcdir/tests/data/dsig

. "$top_srcdir/tests/integration/lib.sh"

one_line_err() { # DESC: stderr is exactly one line
	if [ "$(wc -l <"$tmp/err")" -eq 1 ]; then ok "$1"; else not_ok "$1 ($(wc -l <"$tmp/err") lines)"; show; fi
}
err_contains() { # DESC TEXT
	if grep -Fq -- "$2" "$tmp/err"; then ok "$1"; else not_ok "$1 (stderr lacks: $2)"; show; fi
}

run certs init --dir "$tmp/pki" --org Hostile --partners DE
status_is "test PKI" 0
key=$tmp/pki/DE/sign.key
crt=$tmp/pki/DE/sign.crt
run sign --key "$key" --cert "$crt" --out "$tmp/s.xml" "$data/msg09-utf8.xml"
status_is "signs a message" 0
run verify --trust "$crt" "$tmp/s.xml"
status_is "verifies it" 0

# --- NUL and anything after a signed message
{ cat "$tmp/s.xml"; printf '\000<evil>garbage</evil>\n'; } >"$tmp/nul.xml"
lines=$(($(wc -l <"$tmp/s.xml") + 1))
run verify --trust "$crt" "$tmp/nul.xml"
status_is "signed message + NUL + garbage: exit 1" 1
err_contains "  NUL named with its line" "nul.xml:$lines: NUL character not allowed"
one_line_err "  one line on stderr"
{ cat "$data/msg09-utf8.xml"; printf '\000'; } >"$tmp/nul-sign.xml"
run sign --key "$key" --cert "$crt" --out "$tmp/x.xml" "$tmp/nul-sign.xml"
status_is "sign refuses a NUL: exit 1" 1
err_contains "  NUL named" "NUL character not allowed"

# --- namespace errors, on sign and on verify
printf '<MSG09 xmlns="urn:schemas-edifactoring-com:MSG09">\n<p:Note/>\n</MSG09>\n' >"$tmp/undeclared.xml"
printf '<MSG09 xmlns="urn:schemas-edifactoring-com:MSG09" xmlns:a="urn:k" xmlns:b="urn:k">\n<Note a:k="1" b:k="2"/>\n</MSG09>\n' \
	>"$tmp/twice.xml"
for f in undeclared twice; do
	run sign --key "$key" --cert "$crt" --out "$tmp/x.xml" "$tmp/$f.xml"
	status_is "sign refuses namespace error ($f): exit 1" 1
	one_line_err "  one line on stderr ($f, sign)"
	run verify --trust "$crt" "$tmp/$f.xml"
	status_is "verify refuses namespace error ($f): exit 1" 1
	one_line_err "  one line on stderr ($f, verify)"
done
err_contains "  the redefined attribute named" "twice.xml:2: XML parse error: Namespaced Attribute k in 'urn:k' redefined"
run verify --trust "$crt" "$tmp/undeclared.xml"
err_contains "  the undeclared prefix named" "undeclared.xml:2: XML parse error: Namespace prefix p on Note is not defined"
# the same, inside a signed message: refused before the signature is looked at
sed 's|<Currency>EUR</Currency>|<Currency x:y="1">EUR</Currency>|' "$tmp/s.xml" >"$tmp/s-undeclared.xml"
run verify --trust "$crt" "$tmp/s-undeclared.xml"
status_is "signed message with an undeclared prefix: exit 1" 1
err_contains "  named" "Namespace prefix x for y on Currency is not defined"

# --- charset errors: one line, libxml2's extra lines not printed
printf '<?xml version="1.0" encoding="Shift_JIS"?>\n<MSG27>\n\201\040</MSG27>\n' >"$tmp/sjis.xml"
run verify --trust "$crt" "$tmp/sjis.xml"
status_is "bad Shift_JIS byte: exit 1" 1
one_line_err "  one line on stderr"
err_contains "  the conversion named" "conversion failed"
printf '<MSG09>\n<a>\377\376</a>\n</MSG09>\n' >"$tmp/utf8.xml"
run verify --trust "$crt" "$tmp/utf8.xml"
status_is "bad UTF-8 byte: exit 1" 1
one_line_err "  one line on stderr"
err_contains "  named with its line" "utf8.xml:2: XML parse error: Input is not proper UTF-8"

# --- counts: refused at once (libxml2 alone took minutes on these)
awk 'BEGIN { printf "<MSG09\n"; for (i = 0; i < 100000; i++) printf " a%d=\"\"", i; print "/>" }' >"$tmp/attrs.xml"
LIMIT="timeout 60" run verify --trust "$crt" "$tmp/attrs.xml"
status_is "100,000 attributes: exit 1" 1
err_contains "  the limit named" "attrs.xml:2: more than 64 attributes on element 'MSG09'"
one_line_err "  one line on stderr"
awk 'BEGIN { printf "<MSG09\n"; for (i = 0; i < 100000; i++) printf " xmlns:p%d=\"urn:x\"", i; print "/>" }' >"$tmp/ns.xml"
LIMIT="timeout 60" run sign --key "$key" --cert "$crt" --out "$tmp/x.xml" "$tmp/ns.xml"
status_is "100,000 namespace declarations: exit 1" 1
err_contains "  the limit named" "ns.xml:2: more than 64 namespace declarations on element 'MSG09'"

finish
