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

/* Initialise once; a second call only counts.  Errors: the failing library
 * or shipped file, as a one-line message. */
int ifgw_global_init(void);

/* Undo ifgw_global_init() when the last caller leaves. */
void ifgw_global_cleanup(void);

#endif
