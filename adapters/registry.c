/* registry.c: the adapters of this build, one line each (curl's
 * available_backends[]).  The partner's configuration names one
 * (adapter="edifactoring"); ifgw_adapter_get() finds it here. */
#include "config.h"

#include <stddef.h>

#include "adapters/adapter.h"
#include "base/error.h"

extern const struct ifgw_adapter ifgw_adapter_edifactoring;
extern const struct ifgw_adapter ifgw_adapter_iso20022;

const struct ifgw_adapter *const ifgw_adapters[] = {
	&ifgw_adapter_edifactoring,
	&ifgw_adapter_iso20022,
	NULL,
};

static void cleanup_first(size_t n)
{
	while (n-- > 0)
		if (ifgw_adapters[n]->cleanup)
			ifgw_adapters[n]->cleanup();
}

int ifgw_adapters_init(enum ifgw_xsd_load how)
{
	size_t i;
	int rc = IFGW_OK;

	for (i = 0; ifgw_adapters[i] && rc == IFGW_OK; i++)
		if (ifgw_adapters[i]->init && (rc = ifgw_adapters[i]->init(how)) != IFGW_OK) {
			rc = ifgw_error_wrap(rc, "adapter %s", ifgw_adapters[i]->name);
			cleanup_first(i);
		}
	return rc;
}

void ifgw_adapters_cleanup(void)
{
	size_t n = 0;

	while (ifgw_adapters[n])
		n++;
	cleanup_first(n);
}
