#!/bin/sh
# The checker's self-test (tests/checksrc/selftest.py): scripts/checksrc.py
# must flag every bad snippet in tests/checksrc/cases/, and nothing else.
if [ -z "${PYTHON3:-}" ]; then
	echo "SKIP: no python3 (configure found none)"
	exit 77
fi
exec "$PYTHON3" "${top_srcdir:-.}/tests/checksrc/selftest.py"
