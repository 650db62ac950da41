#!/bin/sh
# tests/valgrind/run.sh PROGRAM [ARGS]: run one Check program under valgrind
# (make check-valgrind sets it as LOG_COMPILER).  CK_FORK=no keeps the tests
# in the process valgrind watches (a test that needs a fresh process forks on
# its own, and valgrind follows the fork); any error or definite, indirect or
# possible leak fails the program with exit code 99.  More options (e.g.
# --track-origins=yes to find where an uninitialised value came from) go in
# $VALGRIND_OPTS, which valgrind reads itself.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
CK_FORK=no
# speed floors and long loops in the tests look for it (they measure valgrind)
IFGW_VALGRIND=1
export CK_FORK IFGW_VALGRIND
# valgrind runs the tests ten to fifty times slower
CK_DEFAULT_TIMEOUT=${IFGW_VALGRIND_TIMEOUT:-600}
export CK_DEFAULT_TIMEOUT
exec valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible --num-callers=30 \
	--suppressions="$here/ifgw.supp" "$@"
