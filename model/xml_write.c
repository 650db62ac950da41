/* xml_write.c: the canonical XML form of a message.
 *
 * Written by hand, not through libxml2's tree: the output depends only on
 * the message (field order from the tables, two-space indentation, absent
 * fields omitted, fixed number formats), so the same message always gives
 * the same bytes. */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#include "base/xml_escape.h"
#define IFGW_MODEL_INTERNAL
#include "model/model_int.h"

static int indent(struct ifgw_buf *b, int depth)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)depth * 2;

	return ifgw_buf_add(b, spaces, n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1);
}

static int leaf(struct ifgw_buf *b, int depth, const char *name, const char *value, int escape)
{
	int rc;

	if ((rc = indent(b, depth)) != IFGW_OK || (rc = ifgw_buf_addf(b, "<%s>", name)) != IFGW_OK)
		return rc;
	if ((rc = escape ? ifgw_xml_escape_text(b, value, strlen(value)) : ifgw_buf_addstr(b, value)) != IFGW_OK)
		return rc;
	return ifgw_buf_addf(b, "</%s>\n", name);
}

static int write_struct(struct ifgw_buf *b, int depth, const struct ifgw_sdesc *d, const void *s);

static int write_group(struct ifgw_buf *b, int depth, const char *name, const struct ifgw_sdesc *d,
		       const void *s)
{
	int rc;

	if ((rc = indent(b, depth)) != IFGW_OK || (rc = ifgw_buf_addf(b, "<%s>\n", name)) != IFGW_OK ||
	    (rc = write_struct(b, depth + 1, d, s)) != IFGW_OK || (rc = indent(b, depth)) != IFGW_OK)
		return rc;
	return ifgw_buf_addf(b, "</%s>\n", name);
}

static int write_field(struct ifgw_buf *b, int depth, const struct ifgw_field *f, const void *s)
{
	const void *p = IFGW_CAT(s, f->off);
	char t[IFGW_MONEY_STRLEN + IFGW_DATETIME_STRLEN];
	size_t k, n;
	int rc = IFGW_OK;

	switch (f->kind) {
	case FK_TEXT:
		return *(const char *)p ? leaf(b, depth, f->name, p, 1) : IFGW_OK;
	case FK_FACTOR:
	case FK_COUNTRY:
	case FK_LANG:
		return *(const char *)p ? leaf(b, depth, f->name, p, 0) : IFGW_OK;
	case FK_LINES:
		for (k = 0; k < (size_t)f->max && rc == IFGW_OK; k++)
			if (*(const char *)IFGW_CAT(p, k * f->size))
				rc = leaf(b, depth, f->name, IFGW_CAT(p, k * f->size), 1);
		return rc;
	case FK_DATE:
		if (*(const int32_t *)p == IFGW_DATE_NONE)
			return IFGW_OK;
		ifgw_date_format(*(const int32_t *)p, t);
		return leaf(b, depth, f->name, t, 0);
	case FK_TIME:
		if (*(const int64_t *)p == IFGW_TIME_NONE)
			return IFGW_OK;
		ifgw_datetime_format(*(const int64_t *)p, t);
		return leaf(b, depth, f->name, t, 0);
	case FK_SEQ:
		if (*(const uint64_t *)p == 0)
			return IFGW_OK;
		snprintf(t, sizeof(t), "%" PRIu64, *(const uint64_t *)p);
		return leaf(b, depth, f->name, t, 0);
	case FK_INT:
		if (*(const int32_t *)p == IFGW_INT_NONE)
			return IFGW_OK;
		snprintf(t, sizeof(t), "%" PRId32, *(const int32_t *)p);
		return leaf(b, depth, f->name, t, 0);
	case FK_PCT:
		if (*(const int32_t *)p == IFGW_PCT_NONE)
			return IFGW_OK;
		ifgw_percent_format(t, *(const int32_t *)p);
		return leaf(b, depth, f->name, t, 0);
	case FK_CODE:
		if (*(const int *)p == 0)
			return IFGW_OK;
		return leaf(b, depth, f->name, ifgw_code_token(f->list, *(const int *)p), 0);
	case FK_BOOL:
		return *(const int *)p ? leaf(b, depth, f->name, "true", 0) : IFGW_OK;
	case FK_MONEY:
	case FK_SMONEY: {
		const struct ifgw_money *m = p;

		if (!m->ccy)
			return IFGW_OK;
		ifgw_money_format(t, m);
		if ((rc = indent(b, depth)) != IFGW_OK)
			return rc;
		return ifgw_buf_addf(b, "<%s Ccy=\"%s\">%s</%s>\n", f->name, m->ccy->code, t, f->name);
	}
	case FK_CCY: {
		const struct ifgw_currency *c = *(const struct ifgw_currency *const *)p;

		return c ? leaf(b, depth, f->name, c->code, 0) : IFGW_OK;
	}
	case FK_CCYS:
		n = *(const size_t *)IFGW_CAT(s, f->count_off);
		for (k = 0; k < n && rc == IFGW_OK; k++)
			rc = leaf(b, depth, f->name, ((const struct ifgw_currency *const *)p)[k]->code, 0);
		return rc;
	case FK_GROUP:
		return ifgw_desc_is_empty(f->sub, p) ? IFGW_OK : write_group(b, depth, f->name, f->sub, p);
	case FK_LIST:
	case FK_ITEMS: {
		const void *base = f->kind == FK_LIST ? p : *(const void *const *)p;

		n = *(const size_t *)IFGW_CAT(s, f->count_off);
		for (k = 0; k < n && rc == IFGW_OK; k++)
			rc = write_group(b, depth, f->name, f->sub, IFGW_CAT(base, k * f->size));
		return rc;
	}
	}
	return IFGW_OK;
}

static int write_struct(struct ifgw_buf *b, int depth, const struct ifgw_sdesc *d, const void *s)
{
	size_t i;
	int rc;

	for (i = 0; i < d->n; i++)
		if ((rc = write_field(b, depth, &d->fields[i], s)) != IFGW_OK)
			return rc;
	return IFGW_OK;
}

int ifgw_msg_write_xml(struct ifgw_buf *out, const struct ifgw_msg *m)
{
	const struct ifgw_tdesc *t;
	const char *root;
	size_t start;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(m);

	start = out->len;
	if ((rc = ifgw_msg_check(m)) != IFGW_OK)
		return rc;
	t = ifgw_desc_type(m->hdr.type);
	root = ifgw_msg_type_name(m->hdr.type);
	if ((rc = ifgw_buf_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<%s xmlns=\"%s\">\n", root,
				IFGW_MODEL_NS)) != IFGW_OK ||
	    (rc = write_group(out, 1, "Header", &ifgw_desc_header, &m->hdr)) != IFGW_OK ||
	    (rc = write_struct(out, 1, t->body, &m->body)) != IFGW_OK ||
	    (rc = ifgw_buf_addf(out, "</%s>\n", root)) != IFGW_OK) {
		/* leave out as it was: no half document */
		out->len = start;
		if (out->ptr)
			out->ptr[start] = '\0';
		return ifgw_error_wrap(rc, "writing %s", root);
	}
	return IFGW_OK;
}
