/* cmd_invoices.h: the subcommands of `ifgw invoices` kept in their own
 * files (cmd_invoices.c dispatches; check stays there). */
#ifndef IFGW_CLI_CMD_INVOICES_H
#define IFGW_CLI_CMD_INVOICES_H

#include "cli/cli.h"

enum ifgw_exit ifgw_cli_invoices_submit(int argc, char **argv); /* invoices_submit.c */
enum ifgw_exit ifgw_cli_invoices_show(int argc, char **argv);   /* invoices_inquiry.c */
enum ifgw_exit ifgw_cli_invoices_list(int argc, char **argv);   /* invoices_inquiry.c */

#endif
