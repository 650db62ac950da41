/* message.c: messages and their parts: create, initialise, grow, copy, free. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#define IFGW_MODEL_INTERNAL
#include "model/model_int.h"

void ifgw_desc_init(const struct ifgw_sdesc *d, void *s)
{
	size_t i, k;

	memset(s, 0, d->size);
	for (i = 0; i < d->n; i++) {
		const struct ifgw_field *f = &d->fields[i];
		void *p = IFGW_AT(s, f->off);

		switch (f->kind) {
		case FK_DATE:
			*(int32_t *)p = IFGW_DATE_NONE;
			break;
		case FK_TIME:
			*(int64_t *)p = IFGW_TIME_NONE;
			break;
		case FK_INT:
		case FK_PCT:
			*(int32_t *)p = IFGW_INT_NONE;
			break;
		case FK_GROUP:
			ifgw_desc_init(f->sub, p);
			break;
		case FK_LIST:
			for (k = 0; k < (size_t)f->max; k++)
				ifgw_desc_init(f->sub, IFGW_AT(p, k * f->size));
			break;
		default:
			break; /* zero is absent */
		}
	}
}

int ifgw_desc_is_empty(const struct ifgw_sdesc *d, const void *s)
{
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		const struct ifgw_field *f = &d->fields[i];
		const void *p = IFGW_CAT(s, f->off);

		switch (f->kind) {
		case FK_TEXT:
		case FK_FACTOR:
		case FK_COUNTRY:
		case FK_LANG:
			if (*(const char *)p)
				return 0;
			break;
		case FK_LINES:
			for (k = 0; k < (size_t)f->max; k++)
				if (*(const char *)IFGW_CAT(p, k * f->size))
					return 0;
			break;
		case FK_DATE:
			if (*(const int32_t *)p != IFGW_DATE_NONE)
				return 0;
			break;
		case FK_TIME:
			if (*(const int64_t *)p != IFGW_TIME_NONE)
				return 0;
			break;
		case FK_SEQ:
			if (*(const uint64_t *)p != 0)
				return 0;
			break;
		case FK_INT:
		case FK_PCT:
			if (*(const int32_t *)p != IFGW_INT_NONE)
				return 0;
			break;
		case FK_CODE:
		case FK_BOOL:
			if (*(const int *)p != 0)
				return 0;
			break;
		case FK_MONEY:
		case FK_SMONEY:
			if (((const struct ifgw_money *)p)->ccy || ((const struct ifgw_money *)p)->minor)
				return 0;
			break;
		case FK_CCY:
			if (*(const struct ifgw_currency *const *)p)
				return 0;
			break;
		case FK_GROUP:
			if (!ifgw_desc_is_empty(f->sub, p))
				return 0;
			break;
		case FK_CCYS:
		case FK_LIST:
		case FK_ITEMS:
			if (*(const size_t *)IFGW_CAT(s, f->count_off) != 0)
				return 0;
			break;
		}
	}
	return 1;
}

void ifgw_party_init(struct ifgw_party *p)
{
	ifgw_desc_init(&ifgw_desc_party, p);
}

void ifgw_terms_init(struct ifgw_terms *t)
{
	ifgw_desc_init(&ifgw_desc_terms, t);
}

void ifgw_invoice_init(struct ifgw_invoice *inv)
{
	ifgw_desc_init(&ifgw_desc_invoice, inv);
}

int ifgw_party_is_empty(const struct ifgw_party *p)
{
	return ifgw_desc_is_empty(&ifgw_desc_party, p);
}

int ifgw_msg_new(struct ifgw_msg **out, int type)
{
	const struct ifgw_tdesc *t = ifgw_desc_type(type);
	struct ifgw_msg *m;

	IFGW_ASSERT_ARG(out);

	*out = NULL;
	if (!t)
		return ifgw_error_set(IFGW_EINVAL, "message type %d does not exist", type);
	if (!(m = calloc(1, sizeof(*m))))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory for a %s message", ifgw_msg_type_name(type));
	ifgw_desc_init(&ifgw_desc_header, &m->hdr);
	ifgw_desc_init(t->body, &m->body);
	m->hdr.type = type;
	*out = m;
	return IFGW_OK;
}

static void **items_ptr(struct ifgw_msg *m, const struct ifgw_field *f)
{
	return (void **)IFGW_AT(&m->body, f->off);
}

void ifgw_msg_free(struct ifgw_msg *m)
{
	const struct ifgw_field *f;

	if (!m)
		return;
	if ((f = ifgw_desc_items(m->hdr.type)))
		free(*items_ptr(m, f));
	free(m);
}

int ifgw_model_items_add(void **out, struct ifgw_msg *m)
{
	const struct ifgw_field *f = ifgw_desc_items(m->hdr.type);
	size_t *n, cap;
	void **items, *grown, *item;

	*out = NULL;
	if (!f)
		return ifgw_error_set(IFGW_EUNSUPPORTED, "%s: this message type has no items",
				      ifgw_msg_type_name(m->hdr.type) ? ifgw_msg_type_name(m->hdr.type) : "?");
	items = items_ptr(m, f);
	n = (size_t *)IFGW_AT(&m->body, f->count_off);
	if (*n >= (size_t)f->max)
		return ifgw_error_set(IFGW_EOVERFLOW, "%s/%s: more than %lld entries", ifgw_msg_type_name(m->hdr.type),
				      f->name, (long long)f->max);
	if (*n >= m->items_cap || !*items) {
		cap = m->items_cap ? m->items_cap * 2 : 8;
		if (cap > (size_t)f->max)
			cap = (size_t)f->max;
		if (cap <= *n)
			cap = *n + 1;
		/* cap <= IFGW_MSG_ITEMS_MAX and size is a few KB: no overflow */
		if (!(grown = realloc(*items, cap * f->size)))
			return ifgw_error_set(IFGW_ENOMEM, "out of memory for %zu %s entries", cap, f->name);
		*items = grown;
		m->items_cap = cap;
	}
	item = IFGW_AT(*items, *n * f->size);
	ifgw_desc_init(f->sub, item);
	(*n)++;
	*out = item;
	return IFGW_OK;
}

int ifgw_msg_add_item(void **out, struct ifgw_msg *m)
{
	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(m);

	return ifgw_model_items_add(out, m);
}

int ifgw_msg_sender_role(const struct ifgw_msg *m)
{
	if (m->hdr.sender_role)
		return m->hdr.sender_role;
	switch (m->hdr.type) {
	case IFGW_MSG_SELLER_REGISTRATION:
	case IFGW_MSG_COVER_REQUEST:
	case IFGW_MSG_ASSIGNMENT_BATCH:
	case IFGW_MSG_DOCUMENT_ADJUSTMENT:
	case IFGW_MSG_INDIRECT_PAYMENT:
		return IFGW_ROLE_EXPORT_FACTOR;
	case IFGW_MSG_COVER_RESPONSE:
	case IFGW_MSG_COVER_REVISION:
	case IFGW_MSG_ASSIGNMENT_STATUS:
	case IFGW_MSG_PAYMENT:
	case IFGW_MSG_GUARANTEE_PAYMENT:
	case IFGW_MSG_CHARGEBACK:
	case IFGW_MSG_REMITTANCE:
		return IFGW_ROLE_IMPORT_FACTOR;
	default:
		return 0;
	}
}

int ifgw_msg_dup(struct ifgw_msg **out, const struct ifgw_msg *m)
{
	const struct ifgw_field *f;
	struct ifgw_msg *c;
	size_t n;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(m);

	f = ifgw_desc_items(m->hdr.type);
	*out = NULL;
	if (!ifgw_desc_type(m->hdr.type))
		return ifgw_error_set(IFGW_EINVAL, "message type %d does not exist", m->hdr.type);
	if (!(c = malloc(sizeof(*c))))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory copying a message");
	memcpy(c, m, sizeof(*c));
	c->items_cap = 0;
	if (f) {
		void **items = items_ptr(c, f);

		n = *(const size_t *)IFGW_CAT(&m->body, f->count_off);
		*items = NULL;
		if (n > 0) {
			if (!(*items = malloc(n * f->size))) {
				free(c);
				return ifgw_error_set(IFGW_ENOMEM, "out of memory copying %zu %s entries", n, f->name);
			}
			memcpy(*items, *(void *const *)IFGW_CAT(&m->body, f->off), n * f->size);
			c->items_cap = n;
		}
	}
	*out = c;
	return IFGW_OK;
}
