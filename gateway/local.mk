# gateway/: the application above the wire formats, one sub-folder a concern.

# --- ingest: invoice files (CSV, UBL 2.1, CII) to canonical invoices
libifgw_a_SOURCES += \
	gateway/ingest/ingest.h gateway/ingest/ingest_int.h gateway/ingest/xml_int.h gateway/ingest/csv.h \
	gateway/ingest/ingest.c gateway/ingest/validate.c gateway/ingest/fields.c gateway/ingest/csv.c \
	gateway/ingest/csv_invoices.c gateway/ingest/xml.c gateway/ingest/ubl.c gateway/ingest/cii.c \
	gateway/ingest/terms.c

# --- route: product rules over the routing table
libifgw_a_SOURCES += gateway/route/route.h gateway/route/route.c gateway/route/batch.h gateway/route/batch.c
# --- route: a partner's target, and the outbound path (split, encode, sign)
libifgw_a_SOURCES += gateway/route/target.h gateway/route/target.c gateway/route/outbound.h gateway/route/outbound.c
check_PROGRAMS += tests/unit/test_route tests/unit/test_batch tests/unit/test_outbound
TESTS += tests/unit/test_route tests/unit/test_batch tests/unit/test_outbound
tests_unit_test_outbound_SOURCES = tests/unit/test_outbound.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_outbound_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_outbound_LDADD = $(IFGW_TEST_LIBS)
tests_unit_test_route_SOURCES = tests/unit/test_route.c tests/unit/testutil.h
tests_unit_test_route_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_route_LDADD = $(IFGW_TEST_LIBS)
tests_unit_test_batch_SOURCES = tests/unit/test_batch.c tests/unit/testutil.h
tests_unit_test_batch_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_batch_LDADD = $(IFGW_TEST_LIBS)
check_PROGRAMS += tests/unit/test_ingest
TESTS += tests/unit/test_ingest
tests_unit_test_ingest_SOURCES = tests/unit/test_ingest.c tests/unit/testutil.h
tests_unit_test_ingest_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_ingest_LDADD = $(IFGW_TEST_LIBS)
check_PROGRAMS += tests/fuzz/fuzz_csv tests/fuzz/fuzz_ubl tests/fuzz/fuzz_cii
TESTS += tests/fuzz/fuzz_csv tests/fuzz/fuzz_ubl tests/fuzz/fuzz_cii
tests_fuzz_fuzz_csv_SOURCES = tests/fuzz/fuzz_csv.c tests/fuzz/fuzz_ingest.h $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_csv_LDADD = $(IFGW_TEST_LIBS)
tests_fuzz_fuzz_ubl_SOURCES = tests/fuzz/fuzz_ubl.c tests/fuzz/fuzz_ingest.h $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_ubl_LDADD = $(IFGW_TEST_LIBS)
tests_fuzz_fuzz_cii_SOURCES = tests/fuzz/fuzz_cii.c tests/fuzz/fuzz_ingest.h $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_cii_LDADD = $(IFGW_TEST_LIBS)
EXTRA_PROGRAMS += bench/bench_ingest
BENCH_PROGS += bench/bench_ingest
bench_bench_ingest_SOURCES = bench/bench_ingest.c $(IFGW_BENCH_UTIL)
bench_bench_ingest_LDADD = libifgw.a $(IFGW_DEP_LIBS)

# --- the pipeline benchmark: ingest, route, batch and encode (make bench)
EXTRA_PROGRAMS += bench/bench_pipeline
BENCH_PROGS += bench/bench_pipeline
bench_bench_pipeline_SOURCES = bench/bench_pipeline.c $(IFGW_BENCH_UTIL)
bench_bench_pipeline_LDADD = libifgw.a $(IFGW_DEP_LIBS)

# --- node: the wiring of one running node; one start-up and one shutdown
libifgw_a_SOURCES += \
	gateway/node/global.h gateway/node/global.c \
	gateway/node/cert_health.h gateway/node/cert_health.c \
	gateway/node/snapshot.h gateway/node/snapshot.c \
	gateway/node/node.h gateway/node/node.c \
	gateway/node/book.h gateway/node/book.c \
	gateway/node/loopback.h gateway/node/loopback.c \
	gateway/node/contracts.h gateway/node/contracts.c \
	gateway/node/compose.h gateway/node/compose.c \
	gateway/node/outbox_sink.h gateway/node/outbox_sink.c \
	gateway/node/books.h gateway/node/books.c \
	gateway/node/submit.h gateway/node/submit.c \
	gateway/node/cover_request.h gateway/node/cover_request.c
# --- node: the inbound service of `ifgw serve` (serve.h) and its signed acknowledgement (ack.h)
libifgw_a_SOURCES += gateway/node/ack.h gateway/node/ack.c gateway/node/serve.h gateway/node/serve.c
# --- node: a partner's wire message into the books (inbound.h)
libifgw_a_SOURCES += gateway/node/inbound.h gateway/node/inbound_int.h gateway/node/inbound.c \
	gateway/node/inbound_read.c gateway/node/inbound_map.c
check_PROGRAMS += tests/unit/test_inbound
TESTS += tests/unit/test_inbound
tests_unit_test_inbound_SOURCES = tests/unit/test_inbound.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_inbound_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_inbound_LDADD = $(IFGW_TEST_LIBS)
check_PROGRAMS += tests/unit/test_global
TESTS += tests/unit/test_global
tests_unit_test_global_SOURCES = tests/unit/test_global.c tests/unit/testutil.h
tests_unit_test_global_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_global_LDADD = $(IFGW_TEST_LIBS)
check_PROGRAMS += tests/unit/test_node
TESTS += tests/unit/test_node
tests_unit_test_node_SOURCES = tests/unit/test_node.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_node_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_node_LDADD = $(IFGW_TEST_LIBS) -lpthread

# The whole library from several threads (encode, sign, verify, decode over
# both adapters); .ci/run also runs it under ThreadSanitizer.
check_PROGRAMS += tests/unit/test_threads
TESTS += tests/unit/test_threads
tests_unit_test_threads_SOURCES = tests/unit/test_threads.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_threads_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_threads_LDADD = $(IFGW_TEST_LIBS) -lpthread

# --- net: the network code (libcurl): TLS options for a partner transfer, the rates download
libifgw_a_SOURCES += \
	gateway/net/tls_curl.h gateway/net/tls_curl.c \
	gateway/net/rates_download.h gateway/net/rates_download.c \
	gateway/net/log.h gateway/net/log.c gateway/net/server.h gateway/net/server.c
check_PROGRAMS += tests/unit/test_log
TESTS += tests/unit/test_log
tests_unit_test_log_SOURCES = tests/unit/test_log.c tests/unit/testutil.h
tests_unit_test_log_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_log_LDADD = $(IFGW_TEST_LIBS)
check_PROGRAMS += tests/unit/test_rates_download
TESTS += tests/unit/test_rates_download
tests_unit_test_rates_download_SOURCES = tests/unit/test_rates_download.c tests/unit/testutil.h
tests_unit_test_rates_download_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_rates_download_LDADD = $(IFGW_TEST_LIBS)

# --- ledger: the state machines of the seven steps and their money (no I/O)
libifgw_a_SOURCES += gateway/ledger/fees.h gateway/ledger/fees.c
libifgw_a_SOURCES += \
	gateway/ledger/ledger.h gateway/ledger/ledger_int.h gateway/ledger/effects.c gateway/ledger/plan.c \
	gateway/ledger/seller.c gateway/ledger/cover.c gateway/ledger/invoice.c gateway/ledger/check.c \
	gateway/ledger/tick.c gateway/ledger/contract.c gateway/ledger/decide.c
check_PROGRAMS += tests/unit/test_ledger_fees
TESTS += tests/unit/test_ledger_fees
tests_unit_test_ledger_fees_SOURCES = tests/unit/test_ledger_fees.c tests/unit/testutil.h
tests_unit_test_ledger_fees_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_ledger_fees_LDADD = $(IFGW_TEST_LIBS)
check_PROGRAMS += tests/unit/test_ledger
TESTS += tests/unit/test_ledger
tests_unit_test_ledger_SOURCES = tests/unit/test_ledger.c tests/unit/ledger_fixture.h tests/unit/testutil.h
tests_unit_test_ledger_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_ledger_LDADD = $(IFGW_TEST_LIBS)
check_PROGRAMS += tests/unit/test_ledger_scenarios
TESTS += tests/unit/test_ledger_scenarios
tests_unit_test_ledger_scenarios_SOURCES = tests/unit/test_ledger_scenarios.c tests/unit/testutil.h
tests_unit_test_ledger_scenarios_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_ledger_scenarios_LDADD = $(IFGW_TEST_LIBS)
# The import role and the decision policy.
check_PROGRAMS += tests/unit/test_ledger_import
TESTS += tests/unit/test_ledger_import
tests_unit_test_ledger_import_SOURCES = tests/unit/test_ledger_import.c tests/unit/ledger_fixture.h tests/unit/testutil.h
tests_unit_test_ledger_import_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_ledger_import_LDADD = $(IFGW_TEST_LIBS)

# The ledger's transitions kept in a real store (gateway/node/book.c).
check_PROGRAMS += tests/unit/test_book
TESTS += tests/unit/test_book
tests_unit_test_book_SOURCES = tests/unit/test_book.c tests/unit/ledger_fixture.h tests/unit/testutil.h
tests_unit_test_book_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_book_LDADD = $(IFGW_TEST_LIBS)
# Ledger rows into signed partner messages (gateway/node/compose.c, outbox_sink.c).
check_PROGRAMS += tests/unit/test_compose
TESTS += tests/unit/test_compose
tests_unit_test_compose_SOURCES = tests/unit/test_compose.c tests/unit/certs_fixture.h tests/unit/ledger_fixture.h \
	tests/unit/testutil.h
tests_unit_test_compose_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_compose_LDADD = $(IFGW_TEST_LIBS)
# The ledger's contracts from real configuration files (gateway/node/contracts.c).
check_PROGRAMS += tests/unit/test_contracts
TESTS += tests/unit/test_contracts
tests_unit_test_contracts_SOURCES = tests/unit/test_contracts.c tests/unit/testutil.h
tests_unit_test_contracts_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_contracts_LDADD = $(IFGW_TEST_LIBS)

# --- store: the durable state behind one interface; SQLite the embedded back end
libifgw_a_SOURCES += \
	gateway/store/store.h gateway/store/store_int.h gateway/store/store.c \
	gateway/store/store_migrations.c gateway/store/store_sqlite.c
# The conformance suite every store back end passes (tests/unit/test_store.c).
check_PROGRAMS += tests/unit/test_store
TESTS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c tests/unit/testutil.h
tests_unit_test_store_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_store_LDADD = $(IFGW_TEST_LIBS)
# ifgw store migrate|check on real files (a damaged one, a newer one).
TESTS += tests/integration/store_cli.sh
EXTRA_DIST += tests/integration/store_cli.sh
# make bench: durable log appends (single and grouped transactions) beside raw SQLite inserts.
EXTRA_PROGRAMS += bench/bench_store
BENCH_PROGS += bench/bench_store
bench_bench_store_SOURCES = bench/bench_store.c $(IFGW_BENCH_RAW_SQLITE) $(IFGW_BENCH_UTIL)
bench_bench_store_LDADD = libifgw.a $(IFGW_DEP_LIBS)
# make bench: ledger transitions kept durably (one per transaction, and grouped) beside raw SQLite inserts.
EXTRA_PROGRAMS += bench/bench_ledger
BENCH_PROGS += bench/bench_ledger
bench_bench_ledger_SOURCES = bench/bench_ledger.c $(IFGW_BENCH_RAW_SQLITE) $(IFGW_BENCH_UTIL)
bench_bench_ledger_LDADD = libifgw.a $(IFGW_DEP_LIBS)

# The scenario files of tests/data/scenarios/ (docs/scenarios.md), one test
# case each, on fresh stores and a test PKI in a temporary folder.
check_PROGRAMS += tests/unit/test_scenarios
TESTS += tests/unit/test_scenarios
tests_unit_test_scenarios_SOURCES = tests/unit/test_scenarios.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_scenarios_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_scenarios_LDADD = $(IFGW_TEST_LIBS)
