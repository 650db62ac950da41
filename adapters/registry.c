/* registry.c: the adapters of this build, one line each (curl's
 * available_backends[]).  The partner's configuration names one
 * (adapter="edifactoring"); ifgw_adapter_get() finds it here. */
#include "config.h"

#include <stddef.h>

#include "adapters/adapter.h"

extern const struct ifgw_adapter ifgw_adapter_edifactoring;
extern const struct ifgw_adapter ifgw_adapter_iso20022;

const struct ifgw_adapter *const ifgw_adapters[] = {
	&ifgw_adapter_edifactoring,
	&ifgw_adapter_iso20022,
	NULL,
};
