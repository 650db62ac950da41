# config/: the node's configuration file, read and checked, as plain data.
libifgw_a_SOURCES += config/node_config.h config/node_config.c
nobase_dist_pkgdata_DATA += config/schema/ifgw-config-1.xsd
check_PROGRAMS += tests/unit/test_config
TESTS += tests/unit/test_config
tests_unit_test_config_SOURCES = tests/unit/test_config.c tests/unit/testutil.h
tests_unit_test_config_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_config_LDADD = $(IFGW_TEST_LIBS)
