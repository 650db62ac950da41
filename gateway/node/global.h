/* global.h: one start-up and one shutdown for the whole library.
 *
 * The program (and every test or benchmark that uses more than base/) calls
 * ifgw_global_init() once, before any thread starts, and
 * ifgw_global_cleanup() once at the end.  Start-up initialises the
 * libraries below us (libxml2, OpenSSL, libcurl) exactly once, so that no
 * module does it on its own in the middle of a request (a
 * curl_global_cleanup() in one fetch would tear libcurl down under a running
 * transport).  It lives at the top of the library, like libgit2's
 * git_libgit2_init(), because it calls into every floor. */
#ifndef IFGW_NODE_GLOBAL_H
#define IFGW_NODE_GLOBAL_H

/* Initialise once; a second call only counts.  Every shipped XSD (the
 * canonical model, the configuration, each adapter's) is compiled here, so
 * that a broken one stops the start.  Errors: the failing library or
 * shipped file, as a one-line message ("adapter edifactoring:
 * .../MSG09.xsd:12: the schema does not compile: ..."). */
int ifgw_global_init(void);

/* ifgw_global_init() for a program that runs one short command (the CLI):
 * every shipped XSD is found and parsed at start (a missing or not
 * well-formed one is named there), but compiled on its first use, because
 * compiling all of them costs more than most commands (docs/DESIGN.md). */
#define IFGW_GLOBAL_LAZY_SCHEMAS 1u
int ifgw_global_init_flags(unsigned flags);

/* Undo ifgw_global_init() when the last caller leaves. */
void ifgw_global_cleanup(void);

#endif
