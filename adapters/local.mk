# adapters/: wire formats (edifactoring, ISO 20022) and country profiles.

# --- country profiles, registration-number checks, charsets (helper "countries")
libifgw_a_SOURCES += \
	adapters/country.h adapters/charset.h adapters/charset_int.h adapters/charset.c \
	adapters/checkdigits.h adapters/checkdigits.c \
	adapters/countries/countries_int.h adapters/countries/regno.c adapters/countries/registry.c \
	adapters/countries/cn.c adapters/countries/de.c adapters/countries/es.c adapters/countries/fr.c \
	adapters/countries/gb.c adapters/countries/it.c adapters/countries/jp.c adapters/countries/pl.c \
	adapters/countries/tr.c adapters/countries/us.c adapters/countries/schemes.c

check_PROGRAMS += tests/unit/test_countries tests/unit/test_charset
TESTS += tests/unit/test_countries tests/unit/test_charset
tests_unit_test_countries_SOURCES = tests/unit/test_countries.c tests/unit/testutil.h
tests_unit_test_countries_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_countries_LDADD = $(IFGW_TEST_LIBS)
tests_unit_test_charset_SOURCES = tests/unit/test_charset.c tests/unit/testutil.h
tests_unit_test_charset_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_charset_LDADD = $(IFGW_TEST_LIBS)

check_PROGRAMS += tests/fuzz/fuzz_regnum tests/fuzz/fuzz_charset
TESTS += tests/fuzz/fuzz_regnum tests/fuzz/fuzz_charset
tests_fuzz_fuzz_regnum_SOURCES = tests/fuzz/fuzz_regnum.c $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_regnum_LDADD = $(IFGW_TEST_LIBS)
tests_fuzz_fuzz_charset_SOURCES = tests/fuzz/fuzz_charset.c $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_charset_LDADD = $(IFGW_TEST_LIBS)

# --- the adapter interface and the FCI edifactoring adapter (helper "edi")
libifgw_a_SOURCES += \
	adapters/adapter.h adapters/adapter.c adapters/registry.c \
	adapters/edifactoring/edifactoring_int.h adapters/edifactoring/edi_adapter.c \
	adapters/edifactoring/edi_codes.c adapters/edifactoring/edi_xmlw.c adapters/edifactoring/edi_xmlr.c \
	adapters/edifactoring/edi_encode.c adapters/edifactoring/edi_decode.c adapters/edifactoring/edi_schema.c
nobase_dist_pkgdata_DATA += \
	adapters/edifactoring/schema/edifactoring-1.xsd \
	adapters/edifactoring/schema/MSG01.xsd adapters/edifactoring/schema/MSG05.xsd \
	adapters/edifactoring/schema/MSG06.xsd adapters/edifactoring/schema/MSG07.xsd \
	adapters/edifactoring/schema/MSG08.xsd adapters/edifactoring/schema/MSG09.xsd \
	adapters/edifactoring/schema/MSG10.xsd adapters/edifactoring/schema/MSG11.xsd \
	adapters/edifactoring/schema/MSG12.xsd adapters/edifactoring/schema/MSG13.xsd \
	adapters/edifactoring/schema/MSG14.xsd adapters/edifactoring/schema/MSG15.xsd \
	adapters/edifactoring/schema/MSG16.xsd adapters/edifactoring/schema/MSG18.xsd \
	adapters/edifactoring/schema/MSG21.xsd \
	adapters/edifactoring/schema/IfgwBatchStatus.xsd adapters/edifactoring/schema/IfgwPositionStatement.xsd

check_PROGRAMS += tests/unit/test_edifactoring
TESTS += tests/unit/test_edifactoring
tests_unit_test_edifactoring_SOURCES = tests/unit/test_edifactoring.c tests/unit/testutil.h
tests_unit_test_edifactoring_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_edifactoring_LDADD = $(IFGW_TEST_LIBS)
check_PROGRAMS += tests/unit/test_adapters
TESTS += tests/unit/test_adapters
tests_unit_test_adapters_SOURCES = tests/unit/test_adapters.c tests/unit/testutil.h
tests_unit_test_adapters_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_adapters_LDADD = $(IFGW_TEST_LIBS)

# --- the ISO 20022 tsin adapter (helper "iso")
libifgw_a_SOURCES += \
	adapters/iso20022/iso_int.h adapters/iso20022/iso_adapter.c adapters/iso20022/iso_schema.c \
	adapters/iso20022/iso_write.c adapters/iso20022/iso_read.c \
	adapters/iso20022/iso_remainder.c adapters/iso20022/iso_apphdr.c adapters/iso20022/iso_letter.c \
	adapters/iso20022/tsin_assignment.c adapters/iso20022/tsin_party.c adapters/iso20022/tsin_financing.c \
	adapters/iso20022/ifgw_position.c
nobase_dist_pkgdata_DATA += \
	adapters/iso20022/schema/head.001.001.02.xsd \
	adapters/iso20022/schema/tsin.001.001.01.xsd adapters/iso20022/schema/tsin.002.001.01.xsd \
	adapters/iso20022/schema/tsin.003.001.01.xsd adapters/iso20022/schema/tsin.006.001.01.xsd \
	adapters/iso20022/schema/tsin.007.001.01.xsd adapters/iso20022/schema/tsin.008.001.01.xsd \
	adapters/iso20022/schema/tsin.009.001.01.xsd adapters/iso20022/schema/tsin.010.001.01.xsd \
	adapters/iso20022/schema/ifgw.pos.001.01.xsd
nobase_dist_pkgdata_DATA += adapters/iso20022/schema/SOURCES.md
# ifgw's own ISO 20022 position statement checked with xmllint and the shipped schemas.
TESTS += tests/integration/iso_position_cli.sh
EXTRA_DIST += tests/integration/iso_position_cli.sh

check_PROGRAMS += tests/fuzz/fuzz_edi_decode
TESTS += tests/fuzz/fuzz_edi_decode
tests_fuzz_fuzz_edi_decode_SOURCES = tests/fuzz/fuzz_edi_decode.c $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_edi_decode_LDADD = $(IFGW_TEST_LIBS)

EXTRA_PROGRAMS += bench/bench_edifactoring
BENCH_PROGS += bench/bench_edifactoring
bench_bench_edifactoring_SOURCES = bench/bench_edifactoring.c $(IFGW_BENCH_UTIL)
bench_bench_edifactoring_LDADD = libifgw.a $(IFGW_DEP_LIBS)

check_PROGRAMS += tests/unit/test_iso20022
TESTS += tests/unit/test_iso20022
tests_unit_test_iso20022_SOURCES = tests/unit/test_iso20022.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_iso20022_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_iso20022_LDADD = $(IFGW_TEST_LIBS)

check_PROGRAMS += tests/fuzz/fuzz_iso_decode
TESTS += tests/fuzz/fuzz_iso_decode
tests_fuzz_fuzz_iso_decode_SOURCES = tests/fuzz/fuzz_iso_decode.c $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_iso_decode_LDADD = $(IFGW_TEST_LIBS)
