# tests/: shared test harness.  Module tests are declared in each module's
# local.mk (tests/unit/test_<module>.c, tests/fuzz/fuzz_<parser>.c).
#
# Fuzz targets: each is one LLVMFuzzerTestOneInput; linked with
# tests/fuzz/standalone_runner.c they run over their corpus in `make check`
# (tests/fuzz/corpus/<name>/) without libFuzzer.
IFGW_FUZZ_RUNNER = tests/fuzz/standalone_runner.c tests/fuzz/fuzz.h
EXTRA_DIST += tests/fuzz/corpus tests/data
# The integration scripts by name, not the folder: an in-tree `make check`
# leaves its .log and .trs files there, and they must not ship.
EXTRA_DIST += tests/integration/lib.sh tests/integration/https_server.py \
	tests/integration/adapter_cli.sh tests/integration/calendar_cli.sh tests/integration/certs_cli.sh \
	tests/integration/certs_crl.sh \
	tests/integration/fx_cli.sh tests/integration/fx_fetch.sh tests/integration/invoices_cli.sh \
	tests/integration/invoices_edges.sh tests/integration/route_cli.sh tests/integration/xmlsec_interop.sh
EXTRA_DIST += tests/integration/install_cli.sh tests/integration/suite.sh \
	tests/integration/suites_en16931.sh tests/integration/suites_peppol_bis3.sh \
	tests/integration/suites_xrechnung.sh tests/integration/invoices_ids.sh
EXTRA_DIST += tests/integration/jp_charset.sh

# ifgw calendar, end to end.
TESTS += tests/integration/calendar_cli.sh

# Integration: ifgw fx on the shipped rates; fetch over HTTPS on 127.0.0.1
# (tests/integration/https_server.py, a throw-away CA made with openssl).
TESTS += tests/integration/fx_cli.sh tests/integration/fx_fetch.sh

# ifgw invoices check on the samples in tests/data/invoices.
TESTS += tests/integration/invoices_cli.sh
# ... and on invoices as companies really send them (tests/data/invoices/edges).
TESTS += tests/integration/invoices_edges.sh
# ... and on party identifiers: unchecked ones noted, BT-46, CSV schemes (tests/data/invoices/ids).
TESTS += tests/integration/invoices_ids.sh
# ... and on the public suites' examples, each against its expected outcome
# (tests/data/invoices/suites/<suite>/expected.tsv; shipped with tests/data).
TESTS += tests/integration/suites_en16931.sh tests/integration/suites_peppol_bis3.sh \
	tests/integration/suites_xrechnung.sh
# ifgw route --explain and ifgw adapter on the example node.
TESTS += tests/integration/route_cli.sh tests/integration/adapter_cli.sh
# A JP message in CP932 (Windows-31J): '\' and '~' signed by ifgw verify with
# xmlsec1 and read the same in Python's codec; the yen sign is refused.
TESTS += tests/integration/jp_charset.sh
# make install into a scratch folder, moved: the installed program on its own data.
TESTS += tests/integration/install_cli.sh
# sign and verify on hostile XML: NUL, namespace errors, bad charset bytes,
# 100,000 attributes (issue 9); one line on stderr each.
EXTRA_DIST += tests/integration/xml_hostile.sh
TESTS += tests/integration/xml_hostile.sh

# Errors kept with the request: interleaved requests on one thread, handled
# failures that leave the caller's error, argument checks, strerror.
check_PROGRAMS += tests/unit/test_errors
TESTS += tests/unit/test_errors
tests_unit_test_errors_SOURCES = tests/unit/test_errors.c tests/unit/testutil.h
tests_unit_test_errors_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_errors_LDADD = $(IFGW_TEST_LIBS)

# make check-valgrind: the unit test programs (tests/unit/test_*; or those
# named in VALGRIND_TESTS) under valgrind (tests/valgrind/run.sh: CK_FORK=no,
# --leak-check=full, any error or leak fails), through the same harness and
# environment as make check; the summary goes to test-suite-valgrind.log.
# .ci/run runs a subset (docs/DESIGN.md says which and why).
EXTRA_DIST += tests/valgrind tests/tsan.supp
check-valgrind:
	@tests='$(VALGRIND_TESTS)'; \
	if test -z "$$tests"; then \
	  for t in $(check_PROGRAMS); do \
	    case $$t in tests/unit/test_*) tests="$$tests $$t";; esac; \
	  done; \
	fi; \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$$tests" TEST_SUITE_LOG=test-suite-valgrind.log \
	  LOG_COMPILER='$(SHELL) $(abs_top_srcdir)/tests/valgrind/run.sh'
.PHONY: check-valgrind
# ifgw invoices submit|list|show and ifgw ledger tick on a real node (a test PKI made by certs init).
EXTRA_DIST += tests/integration/invoices_submit.sh tests/integration/ledger_cli.sh tests/integration/ledger_apply.sh tests/integration/covers_cli.sh
TESTS += tests/integration/invoices_submit.sh tests/integration/ledger_cli.sh tests/integration/ledger_apply.sh tests/integration/covers_cli.sh
