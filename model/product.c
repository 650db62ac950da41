/* product.c: names of the factoring products (see product.h). */
#include "config.h"

#include <string.h>

#include "base/error.h"
#include "model/product.h"

static const char *const product_names[] = {
	[IFGW_PRODUCT_CLASSIC] = "classic",
	[IFGW_PRODUCT_CONFIDENTIAL] = "confidential",
	[IFGW_PRODUCT_EXPORT] = "export",
	[IFGW_PRODUCT_IFP] = "ifp",
};

int ifgw_product_parse(enum ifgw_product *out, const char *text)
{
	size_t i;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(text);

	for (i = 0; i < sizeof(product_names) / sizeof(product_names[0]); i++)
		if (strcmp(text, product_names[i]) == 0) {
			*out = (enum ifgw_product)i;
			return IFGW_OK;
		}
	return ifgw_error_set(IFGW_EINVAL, "product '%.20s' unknown (classic, confidential, export, ifp)", text);
}

const char *ifgw_product_name(enum ifgw_product p)
{
	return (unsigned)p < sizeof(product_names) / sizeof(product_names[0]) ? product_names[p] : "?";
}

