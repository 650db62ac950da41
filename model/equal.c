/* equal.c: deep equality of messages, with the path of the first
 * difference for round-trip tests. */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#define IFGW_MODEL_INTERNAL
#include "model/model_int.h"

/* Record "PATH/name: a != b" (when diff is wanted) and return 0. */
static int differ(struct ifgw_buf *diff, const char *path, const char *name, const char *a, const char *b)
{
	if (diff)
		ifgw_buf_addf(diff, "%s/%s: %.80s != %.80s", path, name, a, b);
	return 0;
}

static void date_text(char out[24], int32_t d)
{
	if (d == IFGW_DATE_NONE)
		snprintf(out, 24, "(absent)");
	else
		ifgw_date_format(d, out);
}

static int equal_field(struct ifgw_buf *diff, const char *path, const struct ifgw_field *f, const void *sa,
		       const void *sb)
{
	const void *a = IFGW_CAT(sa, f->off), *b = IFGW_CAT(sb, f->off);
	char ta[IFGW_MONEY_STRLEN + 24], tb[IFGW_MONEY_STRLEN + 24], sub[600];
	size_t k, na, nb;

	switch (f->kind) {
	case FK_TEXT:
	case FK_FACTOR:
	case FK_COUNTRY:
	case FK_LANG:
		if (strncmp(a, b, f->size) != 0)
			return differ(diff, path, f->name, a, b);
		return 1;
	case FK_LINES:
		for (k = 0; k < (size_t)f->max; k++)
			if (strncmp(IFGW_CAT(a, k * f->size), IFGW_CAT(b, k * f->size), f->size) != 0) {
				snprintf(sub, sizeof(sub), "%s[%zu]", f->name, k + 1);
				return differ(diff, path, sub, IFGW_CAT(a, k * f->size), IFGW_CAT(b, k * f->size));
			}
		return 1;
	case FK_DATE:
		if (*(const int32_t *)a != *(const int32_t *)b) {
			date_text(ta, *(const int32_t *)a);
			date_text(tb, *(const int32_t *)b);
			return differ(diff, path, f->name, ta, tb);
		}
		return 1;
	case FK_TIME:
		if (*(const int64_t *)a != *(const int64_t *)b) {
			snprintf(ta, sizeof(ta), "%" PRId64, *(const int64_t *)a);
			snprintf(tb, sizeof(tb), "%" PRId64, *(const int64_t *)b);
			return differ(diff, path, f->name, ta, tb);
		}
		return 1;
	case FK_SEQ:
		if (*(const uint64_t *)a != *(const uint64_t *)b) {
			snprintf(ta, sizeof(ta), "%" PRIu64, *(const uint64_t *)a);
			snprintf(tb, sizeof(tb), "%" PRIu64, *(const uint64_t *)b);
			return differ(diff, path, f->name, ta, tb);
		}
		return 1;
	case FK_INT:
	case FK_PCT:
		if (*(const int32_t *)a != *(const int32_t *)b) {
			snprintf(ta, sizeof(ta), "%" PRId32, *(const int32_t *)a);
			snprintf(tb, sizeof(tb), "%" PRId32, *(const int32_t *)b);
			return differ(diff, path, f->name, ta, tb);
		}
		return 1;
	case FK_CODE:
	case FK_BOOL:
		if (*(const int *)a != *(const int *)b) {
			snprintf(ta, sizeof(ta), "%d", *(const int *)a);
			snprintf(tb, sizeof(tb), "%d", *(const int *)b);
			return differ(diff, path, f->name, ta, tb);
		}
		return 1;
	case FK_MONEY:
	case FK_SMONEY: {
		const struct ifgw_money *ma = a, *mb = b;

		if (ma->ccy != mb->ccy || ma->minor != mb->minor) {
			ifgw_model_money_text(ta, ma);
			ifgw_model_money_text(tb, mb);
			return differ(diff, path, f->name, ta, tb);
		}
		return 1;
	}
	case FK_CCY: {
		const struct ifgw_currency *ca = *(const struct ifgw_currency *const *)a;
		const struct ifgw_currency *cb = *(const struct ifgw_currency *const *)b;

		if (ca != cb)
			return differ(diff, path, f->name, ca ? ca->code : "(absent)", cb ? cb->code : "(absent)");
		return 1;
	}
	case FK_CCYS:
		na = *(const size_t *)IFGW_CAT(sa, f->count_off);
		nb = *(const size_t *)IFGW_CAT(sb, f->count_off);
		for (k = 0; k < na || k < nb; k++) {
			const struct ifgw_currency *ca = k < na ? ((const struct ifgw_currency *const *)a)[k] : NULL;
			const struct ifgw_currency *cb = k < nb ? ((const struct ifgw_currency *const *)b)[k] : NULL;

			if (ca != cb) {
				snprintf(sub, sizeof(sub), "%s[%zu]", f->name, k + 1);
				return differ(diff, path, sub, ca ? ca->code : "(absent)", cb ? cb->code : "(absent)");
			}
		}
		return 1;
	case FK_GROUP:
		snprintf(sub, sizeof(sub), "%s/%s", path, f->name);
		return ifgw_desc_equal(diff, sub, f->sub, a, b);
	case FK_LIST:
	case FK_ITEMS: {
		const void *ba = f->kind == FK_LIST ? a : *(const void *const *)a;
		const void *bb = f->kind == FK_LIST ? b : *(const void *const *)b;

		na = *(const size_t *)IFGW_CAT(sa, f->count_off);
		nb = *(const size_t *)IFGW_CAT(sb, f->count_off);
		if (na != nb) {
			snprintf(ta, sizeof(ta), "%zu entries", na);
			snprintf(tb, sizeof(tb), "%zu entries", nb);
			return differ(diff, path, f->name, ta, tb);
		}
		for (k = 0; k < na; k++) {
			snprintf(sub, sizeof(sub), "%s/%s[%zu]", path, f->name, k + 1);
			if (!ifgw_desc_equal(diff, sub, f->sub, IFGW_CAT(ba, k * f->size), IFGW_CAT(bb, k * f->size)))
				return 0;
		}
		return 1;
	}
	}
	return 1;
}

int ifgw_desc_equal(struct ifgw_buf *diff, const char *path, const struct ifgw_sdesc *d, const void *a,
		    const void *b)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (!equal_field(diff, path, &d->fields[i], a, b))
			return 0;
	return 1;
}

int ifgw_msg_diff(struct ifgw_buf *out, const struct ifgw_msg *a, const struct ifgw_msg *b)
{
	const struct ifgw_tdesc *t;
	char path[64];
	const char *name;

	if (a->hdr.type != b->hdr.type) {
		if (out)
			ifgw_buf_addf(out, "message type: %s != %s",
				      ifgw_msg_type_name(a->hdr.type) ? ifgw_msg_type_name(a->hdr.type) : "?",
				      ifgw_msg_type_name(b->hdr.type) ? ifgw_msg_type_name(b->hdr.type) : "?");
		return 0;
	}
	if (!(t = ifgw_desc_type(a->hdr.type)))
		return 0;
	name = ifgw_msg_type_name(a->hdr.type);
	snprintf(path, sizeof(path), "%s/Header", name);
	if (!ifgw_desc_equal(out, path, &ifgw_desc_header, &a->hdr, &b->hdr))
		return 0;
	return ifgw_desc_equal(out, name, t->body, &a->body, &b->body);
}

int ifgw_msg_equal(const struct ifgw_msg *a, const struct ifgw_msg *b)
{
	return ifgw_msg_diff(NULL, a, b);
}
