#!/bin/sh
# store_cli.sh: `ifgw store migrate|check` on real files: a store made from
# a node's configuration (<Store>, relative to the file), --store after the
# command and before it, a damaged file, a file that is not a database, a
# store from a newer ifgw, and the exit statuses.
#
# Environment (set by `make check`): IFGW, top_srcdir, PYTHON3 (its sqlite3
# module makes the newer store).
set -u
: "${IFGW:?set IFGW to the ifgw binary}" "${top_srcdir:?set top_srcdir}"
IFGW_DATADIR=${IFGW_DATADIR:-$top_srcdir}
export IFGW_DATADIR
PYTHON3=${PYTHON3:-python3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifgw-store-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
. "$top_srcdir/tests/integration/lib.sh"

# The example node, its store moved to state/ifgw.db beside the file.
mkdir "$tmp/node"
sed 's|<Store>[^<]*</Store>|<Store>sqlite:state/ifgw.db</Store>|' "$top_srcdir/examples/ifgw.xml" >"$tmp/node/ifgw.xml"
CFG=$tmp/node/ifgw.xml
DB=$tmp/node/state/ifgw.db

run store check --config "$CFG"
status_is "check before the store exists: exit 1" 1
err_has "  ... and says so, naming the file" "ifgw store check: $CFG: store sqlite:$tmp/node/state/ifgw.db: No such file or directory"
if [ ! -e "$DB" ]; then ok "check created nothing"; else not_ok "check created $DB"; fi

run store migrate --config "$CFG"
status_is "migrate: exit 0" 0
out_has "migrate: the store beside the configuration, at version 1" "sqlite:$tmp/node/state/ifgw.db: schema version 3 (was 0)"
if [ -s "$DB" ]; then ok "the file is there"; else not_ok "no $DB"; fi
run store migrate --config "$CFG"
out_has "migrate again: nothing to do" "sqlite:$tmp/node/state/ifgw.db: schema version 3 (up to date)"
run store check --config "$CFG"
status_is "check: exit 0" 0
out_has "check: ok" "sqlite:$tmp/node/state/ifgw.db: ok (schema version 3)"

# --store wins over <Store>: after the command, or before it for every command.
run store migrate --config "$CFG" --store "sqlite:$tmp/other.db"
out_has "--store after the command" "sqlite:$tmp/other.db: schema version 3 (was 0)"
run --store "sqlite:$tmp/other.db" store check --config "$CFG"
out_has "--store before the command" "sqlite:$tmp/other.db: ok (schema version 3)"
run --store "sqlite:$tmp/nowhere.db" store check
status_is "--store without a configuration: no configuration read; no store there: exit 1" 1
err_has "  ... naming the store" "ifgw store check: store sqlite:$tmp/nowhere.db: No such file or directory"
(cd "$tmp" && "$IFGW" store migrate --store sqlite:rel/here.db >"$tmp/out" 2>"$tmp/err")
rc=$?
out_has "a relative --store is taken from the working directory" "sqlite:rel/here.db: schema version 3 (was 0)"
if [ -s "$tmp/rel/here.db" ]; then ok "  ... and made there"; else not_ok "no $tmp/rel/here.db"; fi
run --store postgresql://db.example/ifgw store check
status_is "postgresql: exit 1" 1
err_has "  ... not built in" "ifgw store check: store 'postgresql://db.example/ifgw': the postgresql back end is not built in"

# A damaged store: pages after the first overwritten.
cp "$DB" "$tmp/damaged.db"
"$PYTHON3" -c 'import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(4096)
    f.write(b"\xde\xad" * 6144)' "$tmp/damaged.db"
run store check --store "sqlite:$tmp/damaged.db"
status_is "a damaged store: check exits 1" 1
if grep -q "^ifgw store check: store sqlite:$tmp/damaged.db: .*malformed" "$tmp/err" && [ "$(wc -l <"$tmp/err")" -eq 1 ]; then
	ok "  ... one line naming the file and the damage"
else
	not_ok "  ... one line naming the file and the damage"; show
fi
run store migrate --store "sqlite:$tmp/damaged.db"
status_is "a damaged store: migrate exits 1" 1

# Not a database at all.
printf 'number;amount\nF-1;100.00\n' >"$tmp/invoices.db"
run store check --store "sqlite:$tmp/invoices.db"
status_is "not a database: exit 1" 1
err_has "  ... said in one line naming the file" \
	"ifgw store check: store sqlite:$tmp/invoices.db: not an SQLite database (file is not a database)"
run store migrate --store "sqlite:$tmp/invoices.db"
status_is "not a database: migrate refuses too" 1
if [ "$(head -c 14 "$tmp/invoices.db")" = "number;amount" ]; then ok "  ... and leaves the file alone"; else not_ok "the file changed"; fi

# A store from a newer ifgw: refused, and left as it is.
cp "$DB" "$tmp/newer.db"
"$PYTHON3" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO ifgw_schema (version, applied, description) VALUES (?, ?, ?)", (99, 0, "from the future"))
db.commit()
db.close()' "$tmp/newer.db"
run store check --store "sqlite:$tmp/newer.db"
status_is "a newer store: check exits 1" 1
err_has "  ... and says why" \
	"ifgw store check: store sqlite:$tmp/newer.db: schema version 99 is newer than this ifgw's (3): use a newer ifgw"
run store migrate --store "sqlite:$tmp/newer.db"
status_is "a newer store: migrate refuses" 1

# Usage.
run store frobnicate
status_is "unknown subcommand: exit 2" 2
run store check --config "$CFG" extra
status_is "an argument too many: exit 2" 2
run store
status_is "no subcommand: exit 2" 2
run store migrate --help
status_is "migrate --help: exit 0" 0

finish
