# base/: the ground every module stands on (errors, buffers, dates, clock, files,
# the hardened XML parse).
libifgw_a_SOURCES += \
	base/result.h base/error.h base/error.c \
	base/buf.h base/buf.c \
	base/date.h base/date.c \
	base/clock.h base/clock.c \
	base/file.h base/file.c \
	base/datadir.h base/datadir.c \
	base/xml.h base/xml.c base/xml_limits_int.h base/xml_limits.c \
	base/xml_escape.h base/xml_escape.c \
	base/sjis.h base/sjis.c \
	base/xsd.h base/xsd.c

check_PROGRAMS += tests/unit/test_base
TESTS += tests/unit/test_base
tests_unit_test_base_SOURCES = tests/unit/test_base.c tests/unit/testutil.h
tests_unit_test_base_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_base_LDADD = $(IFGW_TEST_LIBS)

check_PROGRAMS += tests/unit/test_xml
TESTS += tests/unit/test_xml
tests_unit_test_xml_SOURCES = tests/unit/test_xml.c tests/unit/testutil.h
tests_unit_test_xml_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_xml_LDADD = $(IFGW_TEST_LIBS)

# The hardened parse on documents whose attribute and namespace counts grow.
check_PROGRAMS += tests/fuzz/fuzz_xml_counts
TESTS += tests/fuzz/fuzz_xml_counts
tests_fuzz_fuzz_xml_counts_SOURCES = tests/fuzz/fuzz_xml_counts.c $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_xml_counts_LDADD = $(IFGW_TEST_LIBS)

# What one input costs the parse: the worst shapes beside a normal message.
EXTRA_PROGRAMS += bench/bench_parse
BENCH_PROGS += bench/bench_parse
bench_bench_parse_SOURCES = bench/bench_parse.c $(IFGW_BENCH_UTIL)
bench_bench_parse_LDADD = libifgw.a $(IFGW_DEP_LIBS)
