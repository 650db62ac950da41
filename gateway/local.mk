# gateway/: everything that is not a wire format, a certificate or money.
ifgw_SOURCES += \
	gateway/cli/cli.h gateway/cli/cli.c gateway/cli/main.c \
	gateway/cli/cmd_fx.c
