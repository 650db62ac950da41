# cli/: the ifgw program: main.c and one file per command family.
ifgw_SOURCES += \
	cli/cli.h cli/cli.c cli/main.c \
	cli/cmd_fx.c \
	cli/cmd_calendar.c \
	cli/cmd_invoices.c \
	cli/cmd_certs.c \
	cli/cli_ingest.h cli/cli_ingest.c \
	cli/cmd_route.c \
	cli/cmd_adapter.c \
	cli/cmd_sign.c \
	cli/cmd_store.c
