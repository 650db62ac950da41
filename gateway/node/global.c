/* global.c: one start-up and one shutdown (see global.h). */
#include "config.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <openssl/ssl.h>

#include "adapters/adapter.h"
#include "base/error.h"
#include "base/xsd.h"
#include "config/node_config.h"
#include "gateway/node/global.h"
#include "model/model.h"

/* Counted so that a test harness and the code it tests can both call it;
 * called before threads start, so a plain counter is enough. */
static unsigned global_users;

/* The schemas outside the adapters (the adapters compile theirs in their
 * init): every shipped XSD is compiled here, so a broken one stops the
 * start with a line naming it instead of failing the first request. */
static int schemas_init(enum ifgw_xsd_load how)
{
	static const char *const shipped[] = {IFGW_MODEL_SCHEMA, IFGW_CONFIG_SCHEMA};
	size_t i;
	int rc = IFGW_OK;

	for (i = 0; i < sizeof(shipped) / sizeof(shipped[0]) && rc == IFGW_OK; i++)
		rc = ifgw_xsd_load(shipped[i], how);
	if (rc == IFGW_OK)
		rc = ifgw_adapters_init(how);
	return rc;
}

int ifgw_global_init(void)
{
	return ifgw_global_init_flags(0);
}

int ifgw_global_init_flags(unsigned flags)
{
	int rc = IFGW_OK;

	if (global_users++)
		return IFGW_OK;
	xmlInitParser();
	if (OPENSSL_init_ssl(0, NULL) != 1) {
		rc = ifgw_error_set(IFGW_EUNSUPPORTED, "start-up: OpenSSL could not be initialised");
		goto out;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		rc = ifgw_error_set(IFGW_EUNSUPPORTED, "start-up: libcurl could not be initialised");
		goto out;
	}
	if ((rc = schemas_init(flags & IFGW_GLOBAL_LAZY_SCHEMAS ? IFGW_XSD_CHECK : IFGW_XSD_COMPILE)) != IFGW_OK) {
		ifgw_xsd_cleanup();
		curl_global_cleanup();
	}
out:
	if (rc != IFGW_OK)
		global_users = 0;
	return rc;
}

void ifgw_global_cleanup(void)
{
	if (!global_users || --global_users)
		return;
	ifgw_adapters_cleanup();
	ifgw_xsd_cleanup();
	curl_global_cleanup();
	xmlCleanupParser();
}
