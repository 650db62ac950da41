# cli/: the ifgw program: main.c and one file per command family.
ifgw_SOURCES += \
	cli/cli.h cli/cli.c cli/main.c \
	cli/cmd_fx.c \
	cli/cmd_calendar.c \
	cli/cmd_invoices.h cli/cmd_invoices.c cli/invoices_submit.c cli/invoices_inquiry.c \
	cli/cmd_covers.c \
	cli/cli_node.h cli/cli_node.c \
	cli/cli_books.h cli/cli_books.c \
	cli/cmd_ledger.c \
	cli/cmd_certs.c \
	cli/cli_ingest.h cli/cli_ingest.c \
	cli/cmd_route.c \
	cli/cmd_adapter.c \
	cli/cmd_sign.c \
	cli/cmd_store.c \
	cli/output.h cli/output.c \
	cli/cmd_messages.c \
	cli/cmd_serve.c

# The listing commands' output layer (table, CSV, JSON): a pure formatter,
# tested on its exact bytes; built from its source, as the program is.
check_PROGRAMS += tests/unit/test_output
TESTS += tests/unit/test_output
tests_unit_test_output_SOURCES = tests/unit/test_output.c tests/unit/testutil.h cli/output.h cli/output.c
tests_unit_test_output_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_output_LDADD = $(IFGW_TEST_LIBS)

# ifgw messages list|show on a store holding messages both ways
# (tests/integration/store_fill puts them there through the store's interface).
check_PROGRAMS += tests/integration/store_fill
tests_integration_store_fill_SOURCES = tests/integration/store_fill.c
tests_integration_store_fill_LDADD = libifgw.a $(IFGW_DEP_LIBS)
TESTS += tests/integration/messages_cli.sh
EXTRA_DIST += tests/integration/messages_cli.sh

# ifgw serve: a real service on loopback, curl and openssl s_client its clients
TESTS += tests/integration/serve_inbound.sh
EXTRA_DIST += tests/integration/serve_inbound.sh tests/integration/serve_conns.py tests/integration/serve_slow.py \
	tests/integration/serve_reload.py docs/ifgw-ack-1.xsd
