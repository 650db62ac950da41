# currency/: ISO 4217, exact money, ECB rates, conversion, business-day calendars.

# --- ISO 4217 table, generated from the published lists at build time
ISO4217_SOURCES_LIST = $(srcdir)/currency/data/iso4217-list-one.xml \
	$(srcdir)/currency/data/iso4217-historic-minor-units.txt \
	$(srcdir)/currency/data/iso4217-codes-all.csv
EXTRA_DIST += currency/gen_iso4217.awk
# installed too, though compiled in: the data and SOURCES.md's attributions go together
nobase_dist_pkgdata_DATA += currency/data/iso4217-list-one.xml \
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

# --- ECB rates and conversion
libifgw_a_SOURCES += \
	currency/rates.h currency/rates_int.h currency/rates.c currency/rates_xml.c currency/rates_csv.c \
	currency/rates_source.h currency/rates_source.c \
	currency/convert.h currency/convert.c
nobase_dist_pkgdata_DATA += currency/data/eurofxref-hist.csv

# --- replacing the rates file with new bytes: validated, then atomically (the download is gateway/net/)
libifgw_a_SOURCES += currency/rates_replace.h currency/rates_replace.c

check_PROGRAMS += tests/unit/test_rates
TESTS += tests/unit/test_rates
tests_unit_test_rates_SOURCES = tests/unit/test_rates.c tests/unit/testutil.h
tests_unit_test_rates_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_rates_LDADD = $(IFGW_TEST_LIBS)

# --- business-day calendars (docs/calendars.md)
libifgw_a_SOURCES += \
	currency/easter.h currency/easter.c \
	currency/calendar.h currency/calendar_int.h currency/calendar.c \
	currency/calendar_build.c currency/calendar_data.c \
	currency/calendars/cal_target.c currency/calendars/cal_fr.c currency/calendars/cal_de.c \
	currency/calendars/cal_it.c currency/calendars/cal_es.c currency/calendars/cal_gb.c \
	currency/calendars/cal_us.c currency/calendars/cal_jp.c currency/calendars/cal_cn.c \
	currency/calendars/cal_tr.c currency/calendars/cal_pl.c
nobase_dist_pkgdata_DATA += \
	currency/data/calendars/cn.txt currency/data/calendars/gb.txt \
	currency/data/calendars/jp.txt currency/data/calendars/tr.txt

check_PROGRAMS += tests/unit/test_convert
TESTS += tests/unit/test_convert
tests_unit_test_convert_SOURCES = tests/unit/test_convert.c tests/unit/testutil.h
tests_unit_test_convert_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_convert_LDADD = $(IFGW_TEST_LIBS)

check_PROGRAMS += tests/fuzz/fuzz_ecb
TESTS += tests/fuzz/fuzz_ecb
tests_fuzz_fuzz_ecb_SOURCES = tests/fuzz/fuzz_ecb.c $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_ecb_LDADD = $(IFGW_TEST_LIBS)

check_PROGRAMS += tests/unit/test_calendar tests/fuzz/fuzz_calendar_data
TESTS += tests/unit/test_calendar tests/fuzz/fuzz_calendar_data
tests_unit_test_calendar_SOURCES = tests/unit/test_calendar.c tests/unit/testutil.h
tests_unit_test_calendar_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_calendar_LDADD = $(IFGW_TEST_LIBS)
tests_fuzz_fuzz_calendar_data_SOURCES = tests/fuzz/fuzz_calendar_data.c $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_calendar_data_LDADD = $(IFGW_TEST_LIBS)

EXTRA_PROGRAMS += bench/bench_fx
BENCH_PROGS += bench/bench_fx
bench_bench_fx_SOURCES = bench/bench_fx.c $(IFGW_BENCH_UTIL)
bench_bench_fx_LDADD = libifgw.a $(IFGW_DEP_LIBS) -lm
