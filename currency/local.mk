# currency/: ISO 4217, exact money, ECB rates, conversion, business-day calendars.

# --- ISO 4217 table, generated from the published lists at build time
ISO4217_SOURCES_LIST = $(srcdir)/currency/data/iso4217-list-one.xml \
	$(srcdir)/currency/data/iso4217-historic-minor-units.txt \
	$(srcdir)/currency/data/iso4217-codes-all.csv
EXTRA_DIST += currency/gen_iso4217.awk currency/data/iso4217-list-one.xml \
	currency/data/iso4217-historic-minor-units.txt currency/data/iso4217-codes-all.csv \
	currency/data/SOURCES.md
currency/iso4217_table.c: $(srcdir)/currency/gen_iso4217.awk $(ISO4217_SOURCES_LIST)
	$(AM_V_GEN)$(MKDIR_P) currency && \
	$(AWK) -f $(srcdir)/currency/gen_iso4217.awk $(ISO4217_SOURCES_LIST) > $@.tmp && mv $@.tmp $@
BUILT_SOURCES += currency/iso4217_table.c
CLEANFILES += currency/iso4217_table.c
nodist_libifgw_a_SOURCES = currency/iso4217_table.c

# --- money
libifgw_a_SOURCES += \
	currency/iso4217.h currency/iso4217_int.h currency/iso4217.c \
	currency/money.h currency/money.c

check_PROGRAMS += tests/unit/test_money tests/fuzz/fuzz_amount
TESTS += tests/unit/test_money tests/fuzz/fuzz_amount
tests_unit_test_money_SOURCES = tests/unit/test_money.c tests/unit/testutil.h
tests_unit_test_money_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_money_LDADD = $(IFGW_TEST_LIBS)
tests_fuzz_fuzz_amount_SOURCES = tests/fuzz/fuzz_amount.c $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_amount_LDADD = $(IFGW_TEST_LIBS)
