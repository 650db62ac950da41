/* global.c: one start-up and one shutdown (see global.h). */
#include "config.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <openssl/ssl.h>

#include "base/error.h"
#include "gateway/node/global.h"

/* Counted so that a test harness and the code it tests can both call it;
 * called before threads start, so a plain counter is enough. */
static unsigned global_users;

int ifgw_global_init(void)
{
	if (global_users++)
		return IFGW_OK;
	xmlInitParser();
	if (OPENSSL_init_ssl(0, NULL) != 1) {
		global_users = 0;
		return ifgw_error_set(IFGW_EUNSUPPORTED, "start-up: OpenSSL could not be initialised");
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		global_users = 0;
		return ifgw_error_set(IFGW_EUNSUPPORTED, "start-up: libcurl could not be initialised");
	}
	return IFGW_OK;
}

void ifgw_global_cleanup(void)
{
	if (!global_users || --global_users)
		return;
	curl_global_cleanup();
	xmlCleanupParser();
}
