# suite.sh: what the public suites' scripts share (suites_*.sh).  Source it
# after lib.sh with `suite` (the folder under tests/data/invoices/suites)
# and `label` (the closing line's name) set: it runs `ifgw invoices check`
# on every example there against the folder's expected.tsv, one line per
# mismatch, and closes with the counts and finish.
#
#   FILE  read  NUMBER  ISSUE-DATE  DUE-DATE  DERIVED  AMOUNT  CURRENCY  TYPE
#   FILE  refused  REASON...

cd "$top_srcdir/tests/data/invoices/suites/$suite" || exit 1
manifest=expected.tsv
read_ok=0
refused_ok=0
refused_wrongly=0

check_read() { # FILE NUMBER ISSUE DUE DERIVED AMOUNT CURRENCY TYPE
	f=$1
	want="$2$TAB$3$TAB$4$TAB$6$TAB$7$TAB$8"
	run invoices check "$f"
	if [ "$rc" -ne 0 ]; then
		if [ "$rc" -eq 1 ]; then refused_wrongly=$((refused_wrongly + 1)); fi
		not_ok "$f: read (status $rc, want 0)"; show; return
	fi
	got=$(cut -f5-10 "$tmp/out")
	lines=$(wc -l <"$tmp/out")
	if [ "$lines" -ne 1 ] || [ "$got" != "$want" ]; then
		not_ok "$f: read as '$got' ($lines lines), want '$want'"; show; return
	fi
	if grep -q 'derived' "$tmp/err"; then derived=yes; else derived=no; fi
	if [ "$derived" != "$5" ]; then
		not_ok "$f: due date derived: $derived, want $5"; show; return
	fi
	read_ok=$((read_ok + 1))
	ok "$f: read $2 $3 due $4 $6 $7 $8"
}

check_refused() { # FILE REASON...
	f=$1
	shift
	run invoices check "$f"
	if [ "$rc" -ne 1 ]; then
		not_ok "$f: refused (status $rc, want 1)"; show; return
	fi
	for reason in "$@"; do
		if ! grep -Fq -- "$reason" "$tmp/err"; then
			not_ok "$f: refused, but stderr lacks: $reason"; show; return
		fi
	done
	refused_ok=$((refused_ok + 1))
	ok "$f: refused: $1"
}

# Every example in the folder has its line, and every line its file.
for f in *.xml *.XML; do
	[ -e "$f" ] || continue
	if ! cut -f1 "$manifest" | grep -Fxq -- "$f"; then not_ok "$f: not in $manifest"; fi
done

while IFS="$TAB" read -r file outcome a b c d e g h; do
	case $file in '#'* | '') continue ;; esac
	if [ ! -f "$file" ]; then not_ok "$file: in $manifest but missing"; continue; fi
	case $outcome in
	read) check_read "$file" "$a" "$b" "$c" "$d" "$e" "$g" "$h" ;;
	refused)
		set -- "$a"
		[ -n "$b" ] && set -- "$@" "$b"
		[ -n "$c" ] && set -- "$@" "$c"
		check_refused "$file" "$@"
		;;
	*) not_ok "$file: outcome '$outcome' is neither read nor refused" ;;
	esac
done <"$manifest"

echo "# $label: $read_ok read and agreeing, $refused_ok refused with the expected reason, $refused_wrongly refused wrongly"
finish
