# adapters/: wire formats (edifactoring, ISO 20022) and country profiles.

# --- country profiles, registration-number checks, charsets (helper "countries")
libifgw_a_SOURCES += \
	adapters/country.h adapters/charset.h adapters/charset.c \
	adapters/checkdigits.h adapters/checkdigits.c \
	adapters/countries/countries_int.h adapters/countries/regno.c adapters/countries/registry.c \
	adapters/countries/cn.c adapters/countries/de.c adapters/countries/es.c adapters/countries/fr.c \
	adapters/countries/gb.c adapters/countries/it.c adapters/countries/jp.c adapters/countries/pl.c \
	adapters/countries/tr.c adapters/countries/us.c

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
