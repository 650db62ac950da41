# model/: the canonical messages and their XML form.
libifgw_a_SOURCES += \
	model/model.h model/product.h model/message.h model/invoice.h \
	model/codes.h model/text.h model/model_int.h model/xml_int.h \
	model/text.c model/product.c model/codes.c model/desc.c model/message.c \
	model/totals.c model/check.c model/equal.c \
	model/xml_write.c model/xml_read.c model/schema.c
nobase_dist_pkgdata_DATA += model/schema/ifgw-canonical-1.xsd
check_PROGRAMS += tests/unit/test_model tests/fuzz/fuzz_canonical
TESTS += tests/unit/test_model tests/fuzz/fuzz_canonical
tests_unit_test_model_SOURCES = tests/unit/test_model.c tests/unit/testutil.h
tests_unit_test_model_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_model_LDADD = $(IFGW_TEST_LIBS)
tests_fuzz_fuzz_canonical_SOURCES = tests/fuzz/fuzz_canonical.c $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_canonical_LDADD = $(IFGW_TEST_LIBS)
