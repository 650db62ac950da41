/* model_int.h: model/ internals: the field tables every generic part
 * (init, check, equality, XML writer and reader, XSD) walks.
 *
 * Each struct of the model has a table of its fields in canonical XML
 * order: element name, kind, whether required, where it sits.  One table
 * drives the writer, the reader, the XSD, equality and the generic checks,
 * so that they cannot drift apart.  Not for use outside model/. */
#ifndef IFGW_MODEL_INT_H
#define IFGW_MODEL_INT_H

#ifndef IFGW_MODEL_INTERNAL
#error "model_int.h is private to model/"
#endif

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "model/model.h"

enum ifgw_fkind {
	FK_TEXT,     /* char[size]: UTF-8, "" absent */
	FK_LINES,    /* char[max][size]: repeated element, filled from [0] */
	FK_FACTOR,   /* char[IFGW_FACTOR_CODE_SIZE] */
	FK_COUNTRY,  /* char[IFGW_COUNTRY_SIZE] */
	FK_LANG,     /* char[IFGW_LANG_SIZE]: ISO 639-1 */
	FK_DATE,     /* int32_t, IFGW_DATE_NONE absent */
	FK_TIME,     /* int64_t, IFGW_TIME_NONE absent */
	FK_SEQ,      /* uint64_t, 0 absent */
	FK_INT,      /* int32_t in min..max, IFGW_INT_NONE absent */
	FK_PCT,      /* int32_t millionths, IFGW_PCT_NONE absent */
	FK_CODE,     /* int from code list `list`, 0 absent */
	FK_BOOL,     /* int 0/1, written only when 1 */
	FK_MONEY,    /* struct ifgw_money >= 0, ccy NULL absent */
	FK_SMONEY,   /* struct ifgw_money, may be negative */
	FK_CCY,      /* const struct ifgw_currency *, NULL absent */
	FK_CCYS,     /* const struct ifgw_currency *[max] + size_t count at count_off */
	FK_GROUP,    /* nested struct `sub` */
	FK_LIST,     /* inline array of `sub` [max] + size_t count at count_off */
	FK_ITEMS,    /* heap array of `sub` (pointer at off) + size_t count at count_off */
};

struct ifgw_sdesc;

struct ifgw_field {
	const char *name;  /* XML element name */
	uint8_t kind;      /* enum ifgw_fkind */
	uint8_t req;       /* required (lists: at least one) */
	uint8_t list;      /* FK_CODE: enum ifgw_code_list_id */
	size_t off;        /* offset in the struct */
	size_t size;       /* text: bytes of one field; lists: bytes of one element */
	size_t count_off;  /* FK_CCYS, FK_LIST, FK_ITEMS */
	int64_t min, max;  /* FK_INT: range; lists: max entries */
	const struct ifgw_sdesc *sub;
};

struct ifgw_sdesc {
	const char *type;  /* XSD complex type name */
	const struct ifgw_field *fields;
	size_t n;
	size_t size;       /* sizeof the struct */
};

/* What the tables know of a message type. */
struct ifgw_tdesc {
	const struct ifgw_sdesc *body;
	const char *root_type;  /* XSD type of the root element */
};

extern const struct ifgw_sdesc ifgw_desc_header;
extern const struct ifgw_sdesc ifgw_desc_party;
extern const struct ifgw_sdesc ifgw_desc_terms;
extern const struct ifgw_sdesc ifgw_desc_invoice;

/* The body table of a type, NULL when out of range. */
const struct ifgw_tdesc *ifgw_desc_type(int type);
/* The item list field of a type's body, NULL when it has none. */
const struct ifgw_field *ifgw_desc_items(int type);

/* Append an initialised item to m's item list (ifgw_msg_add_item). */
int ifgw_model_items_add(void **out, struct ifgw_msg *m);

/* Expected control totals of a batch's items: one per currency, sorted by
 * code.  IFGW_EOVERFLOW past IFGW_BATCH_CCY_MAX currencies or on a sum. */
int ifgw_model_batch_totals(struct ifgw_batch_total *totals, size_t *n, const struct ifgw_invoice *items,
			    size_t n_items);
/* Expected payment totals (see struct ifgw_payment). */
int ifgw_model_payment_totals(struct ifgw_money *paid, struct ifgw_money *charges, struct ifgw_money *cleared,
			      const struct ifgw_payment *p);
/* Signed sum of amounts at `off` in n elements of `size` bytes; elements
 * whose int at doc_off equals IFGW_DOC_CREDIT_NOTE subtract (doc_off
 * SIZE_MAX: none do).  Every amount must be in ccy. */
int ifgw_model_sum(struct ifgw_money *out, const struct ifgw_currency *ccy, const void *items, size_t n,
		   size_t size, size_t off, size_t doc_off);

/* Set every field of a struct to absent. */
void ifgw_desc_init(const struct ifgw_sdesc *d, void *s);
/* 1 when every field of a struct is absent. */
int ifgw_desc_is_empty(const struct ifgw_sdesc *d, const void *s);

/* Generic checks of a struct's fields (texts, codes, ranges, currencies,
 * required fields); path names the struct ("AssignmentBatch/Invoice[2]").
 * Errors are "PATH/Field: what"; *err_path gets that path. */
struct ifgw_check_ctx {
	char path[512];     /* path of the current struct */
	char err_path[512]; /* path of the first error */
};
int ifgw_desc_check(struct ifgw_check_ctx *cx, const struct ifgw_sdesc *d, const void *s);
/* Set err_path to path + "/" + field and the error "PATH: what" from fmt. */
int ifgw_model_fail(struct ifgw_check_ctx *cx, int code, const char *field, const char *fmt, ...)
	IFGW_PRINTF(4, 5);

/* The whole-message check with the path of the first error. */
int ifgw_model_check(struct ifgw_check_ctx *cx, const struct ifgw_msg *m);

/* Equality of two structs; on difference appends "PATH: a != b" to diff
 * (when not NULL) and returns 0. */
int ifgw_desc_equal(struct ifgw_buf *diff, const char *path, const struct ifgw_sdesc *d, const void *a,
		    const void *b);

/* Text of a value for messages and diffs. */
void ifgw_model_money_text(char out[IFGW_MONEY_STRLEN + 8], const struct ifgw_money *m);

/* Pointer arithmetic on a struct described by a table. */
#define IFGW_AT(s, off) ((void *)((char *)(s) + (off)))
#define IFGW_CAT(s, off) ((const void *)((const char *)(s) + (off)))

#endif
