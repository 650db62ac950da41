/* product.h: the factoring products a node routes by.
 *
 * Part of the canonical vocabulary: the configuration names them in its
 * routes, ingest reads them from invoice files, routing decides by them. */
#ifndef IFGW_MODEL_PRODUCT_H
#define IFGW_MODEL_PRODUCT_H

enum ifgw_product {
	IFGW_PRODUCT_CLASSIC = 0,  /* domestic, debtor notified: stays with the home factor */
	IFGW_PRODUCT_CONFIDENTIAL, /* domestic, debtor not notified: home factor */
	IFGW_PRODUCT_EXPORT,       /* debtor abroad: the import factor of the debtor's country */
	IFGW_PRODUCT_IFP,          /* group invoice: the partner factor of the seller's country */
};

/* "classic" | "confidential" | "export" | "ifp" */
int ifgw_product_parse(enum ifgw_product *out, const char *text);
const char *ifgw_product_name(enum ifgw_product p);

#endif
