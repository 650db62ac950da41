# scripts/: `make checksrc`, the project's rules that a compiler does not
# check (scripts/checksrc.py: banned calls, float in money paths, struct and
# pointer typedefs, unprefixed symbols in libifgw.a, include layers, private
# headers).  CI runs it after make check; tests/checksrc/ proves the checker
# fails when it should, in make check.
EXTRA_DIST += scripts/checksrc.py tests/checksrc/selftest.sh tests/checksrc/selftest.py tests/checksrc/cases
TESTS += tests/checksrc/selftest.sh
CLEANFILES += checksrc.syms

.PHONY: checksrc
checksrc: libifgw.a
	@test -n "$(PYTHON3)" || { echo "checksrc: needs python3 (configure found none)" >&2; exit 1; }
	$(AM_V_GEN)$(NM) -g --defined-only libifgw.a > checksrc.syms
	$(AM_V_at)$(PYTHON3) $(srcdir)/scripts/checksrc.py --top $(srcdir) --symbols checksrc.syms
