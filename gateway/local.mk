# gateway/: everything that is not a wire format, a certificate or money.
ifgw_SOURCES += \
	gateway/cli/cli.h gateway/cli/cli.c gateway/cli/main.c \
	gateway/cli/cmd_fx.c

# --- config: the node's configuration file
libifgw_a_SOURCES += gateway/config/config.h gateway/config/config.c
nobase_dist_pkgdata_DATA += gateway/config/schema/ifgw-config-1.xsd
check_PROGRAMS += tests/unit/test_config
TESTS += tests/unit/test_config
tests_unit_test_config_SOURCES = tests/unit/test_config.c tests/unit/testutil.h
tests_unit_test_config_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_config_LDADD = $(IFGW_TEST_LIBS)
