/* check.c: is a message well-formed?  Generic checks from the field tables
 * (texts, codes, ranges, currencies, required fields), then the rules of
 * each message type (parties, currencies agreeing, dates in order, control
 * totals).  Errors name the field by its canonical XML path. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#define IFGW_MODEL_INTERNAL
#include "model/model_int.h"

void ifgw_model_money_text(char out[IFGW_MONEY_STRLEN + 8], const struct ifgw_money *m)
{
	char t[IFGW_MONEY_STRLEN];

	if (!m->ccy) {
		snprintf(out, IFGW_MONEY_STRLEN + 8, "(absent)");
		return;
	}
	if (m->ccy->minor_units < 0) {
		snprintf(out, IFGW_MONEY_STRLEN + 8, "%lld minor units %s", (long long)m->minor, m->ccy->code);
		return;
	}
	ifgw_money_format(t, m);
	snprintf(out, IFGW_MONEY_STRLEN + 8, "%s %s", t, m->ccy->code);
}

/* err_path = path "/" field, cut at the buffer's end. */
static void set_err_path(struct ifgw_check_ctx *cx, const char *field)
{
	size_t n = strlen(cx->path), f = field ? strlen(field) : 0;

	if (n > sizeof(cx->err_path) - 1)
		n = sizeof(cx->err_path) - 1;
	memcpy(cx->err_path, cx->path, n);
	if (f && n + 1 < sizeof(cx->err_path)) {
		cx->err_path[n++] = '/';
		if (f > sizeof(cx->err_path) - 1 - n)
			f = sizeof(cx->err_path) - 1 - n;
		memcpy(cx->err_path + n, field, f);
		n += f;
	}
	cx->err_path[n] = '\0';
}

int ifgw_model_fail(struct ifgw_check_ctx *cx, int code, const char *field, const char *fmt, ...)
{
	char what[IFGW_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	set_err_path(cx, field);
	return ifgw_error_set(code, "%s: %s", cx->err_path, what);
}

/* The pending error happened at field: prefix it with the path. */
static int fail_wrap(struct ifgw_check_ctx *cx, int rc, const char *field)
{
	set_err_path(cx, field);
	return ifgw_error_wrap(rc, "%s", cx->err_path);
}

static size_t path_push(struct ifgw_check_ctx *cx, const char *name, size_t index)
{
	size_t len = strlen(cx->path);

	if (index)
		snprintf(cx->path + len, sizeof(cx->path) - len, "/%s[%zu]", name, index);
	else
		snprintf(cx->path + len, sizeof(cx->path) - len, "/%s", name);
	return len;
}

static void path_pop(struct ifgw_check_ctx *cx, size_t len)
{
	cx->path[len] = '\0';
}

static int32_t first_day(void)
{
	int32_t d = 0;

	ifgw_date_from_ymd(&d, 1, 1, 1);
	return d;
}

static int32_t last_day(void)
{
	int32_t d = 0;

	ifgw_date_from_ymd(&d, 9999, 12, 31);
	return d;
}

static int check_text(struct ifgw_check_ctx *cx, const char *field, const char *p, size_t size)
{
	size_t chars = 0;
	int rc;

	if (!memchr(p, '\0', size))
		return ifgw_model_fail(cx, IFGW_EINVAL, field, "text is not NUL-terminated");
	if ((rc = ifgw_text_check(&chars, p, strlen(p))) != IFGW_OK)
		return fail_wrap(cx, rc, field);
	if (chars > IFGW_TEXT_CHARS(size))
		return ifgw_model_fail(cx, IFGW_EOVERFLOW, field, "%zu characters, more than the limit of %zu", chars,
				       (size_t)IFGW_TEXT_CHARS(size));
	return IFGW_OK;
}

static int check_money(struct ifgw_check_ctx *cx, const char *field, const struct ifgw_money *m, int signed_ok)
{
	char t[IFGW_MONEY_STRLEN + 8];

	if (!m->ccy)
		return ifgw_model_fail(cx, IFGW_EINVAL, field, "amount of %lld minor units has no currency",
				       (long long)m->minor);
	if (!ifgw_currency_is_tradeable(m->ccy))
		return ifgw_model_fail(cx, IFGW_EINVAL, field, "%s is not a currency money can be held in",
				       m->ccy->code);
	if (!signed_ok && m->minor < 0) {
		ifgw_model_money_text(t, m);
		return ifgw_model_fail(cx, IFGW_EINVAL, field, "%s is negative", t);
	}
	return IFGW_OK;
}

static int field_absent(const struct ifgw_field *f, const void *s)
{
	const void *p = IFGW_CAT(s, f->off);

	switch (f->kind) {
	case FK_TEXT:
	case FK_FACTOR:
	case FK_COUNTRY:
	case FK_LANG:
		return *(const char *)p == '\0';
	case FK_LINES:
		return *(const char *)p == '\0' && (f->max < 2 || *(const char *)IFGW_CAT(p, f->size) == '\0');
	case FK_DATE:
		return *(const int32_t *)p == IFGW_DATE_NONE;
	case FK_TIME:
		return *(const int64_t *)p == IFGW_TIME_NONE;
	case FK_SEQ:
		return *(const uint64_t *)p == 0;
	case FK_INT:
	case FK_PCT:
		return *(const int32_t *)p == IFGW_INT_NONE;
	case FK_CODE:
	case FK_BOOL:
		return *(const int *)p == 0;
	case FK_MONEY:
	case FK_SMONEY:
		return !((const struct ifgw_money *)p)->ccy && !((const struct ifgw_money *)p)->minor;
	case FK_CCY:
		return *(const struct ifgw_currency *const *)p == NULL;
	case FK_GROUP:
		return ifgw_desc_is_empty(f->sub, p);
	default: /* lists */
		return *(const size_t *)IFGW_CAT(s, f->count_off) == 0;
	}
}

static int check_field(struct ifgw_check_ctx *cx, const struct ifgw_field *f, const void *s)
{
	const void *p = IFGW_CAT(s, f->off);
	char name[128];
	size_t k, n, saved;
	int rc = IFGW_OK;

	switch (f->kind) {
	case FK_TEXT:
		return check_text(cx, f->name, p, f->size);
	case FK_LINES:
		for (k = 0; k < (size_t)f->max; k++) {
			const char *line = IFGW_CAT(p, k * f->size);

			snprintf(name, sizeof(name), "%s[%zu]", f->name, k + 1);
			if ((rc = check_text(cx, name, line, f->size)) != IFGW_OK)
				return rc;
			if (k > 0 && *line && !*(const char *)IFGW_CAT(p, (k - 1) * f->size))
				return ifgw_model_fail(cx, IFGW_EINVAL, name, "given without %s[%zu]", f->name, k);
		}
		return IFGW_OK;
	case FK_FACTOR:
		if (!memchr(p, '\0', f->size))
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "factor code is not NUL-terminated");
		if ((rc = ifgw_factor_code_check(p, strlen(p))) != IFGW_OK)
			return fail_wrap(cx, rc, f->name);
		return IFGW_OK;
	case FK_COUNTRY:
		if (!memchr(p, '\0', f->size))
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "country is not NUL-terminated");
		if ((rc = ifgw_country_check(p, strlen(p))) != IFGW_OK)
			return fail_wrap(cx, rc, f->name);
		return IFGW_OK;
	case FK_LANG: {
		const char *l = p;

		if (!memchr(p, '\0', f->size) || strlen(l) != 2 || l[0] < 'a' || l[0] > 'z' || l[1] < 'a' ||
		    l[1] > 'z')
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name,
					       "language is not two lower-case letters (ISO 639-1)");
		return IFGW_OK;
	}
	case FK_DATE: {
		int32_t d = *(const int32_t *)p;

		if (d < first_day() || d > last_day())
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "day number %ld is outside years 1..9999",
					       (long)d);
		return IFGW_OK;
	}
	case FK_TIME: {
		int64_t t = *(const int64_t *)p;

		if (t < (int64_t)first_day() * IFGW_SECONDS_PER_DAY ||
		    t >= ((int64_t)last_day() + 1) * IFGW_SECONDS_PER_DAY)
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "time %lld is outside years 1..9999",
					       (long long)t);
		return IFGW_OK;
	}
	case FK_SEQ:
		if (*(const uint64_t *)p > IFGW_SEQ_MAX)
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "%llu has more than 15 digits",
					       (unsigned long long)*(const uint64_t *)p);
		return IFGW_OK;
	case FK_INT: {
		int32_t v = *(const int32_t *)p;

		if (v < f->min || v > f->max)
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "%ld is outside %lld..%lld", (long)v,
					       (long long)f->min, (long long)f->max);
		return IFGW_OK;
	}
	case FK_PCT: {
		int32_t v = *(const int32_t *)p;

		if (v < 0 || v > IFGW_PERCENT_ONE)
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "%ld millionths is outside 0..100%%",
					       (long)v);
		return IFGW_OK;
	}
	case FK_CODE:
		if (!ifgw_code_find(f->list, *(const int *)p))
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "%d is not in the code list %s",
					       *(const int *)p, ifgw_code_list_get(f->list)->name);
		return IFGW_OK;
	case FK_BOOL:
		if (*(const int *)p != 0 && *(const int *)p != 1)
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "%d is not 0 or 1", *(const int *)p);
		return IFGW_OK;
	case FK_MONEY:
	case FK_SMONEY:
		return check_money(cx, f->name, p, f->kind == FK_SMONEY);
	case FK_CCY: {
		const struct ifgw_currency *c = *(const struct ifgw_currency *const *)p;

		if (!ifgw_currency_is_tradeable(c))
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "%s is not a currency money can be held in",
					       c->code);
		return IFGW_OK;
	}
	case FK_CCYS:
		n = *(const size_t *)IFGW_CAT(s, f->count_off);
		if (n > (size_t)f->max)
			return ifgw_model_fail(cx, IFGW_EOVERFLOW, f->name, "%zu entries, more than %lld", n,
					       (long long)f->max);
		for (k = 0; k < n; k++) {
			const struct ifgw_currency *c = ((const struct ifgw_currency *const *)p)[k];
			size_t j;

			snprintf(name, sizeof(name), "%s[%zu]", f->name, k + 1);
			if (!c || !ifgw_currency_is_tradeable(c))
				return ifgw_model_fail(cx, IFGW_EINVAL, name, "%s is not a currency money can be held in",
						       c ? c->code : "(none)");
			for (j = 0; j < k; j++)
				if (((const struct ifgw_currency *const *)p)[j] == c)
					return ifgw_model_fail(cx, IFGW_EINVAL, name, "%s is given twice", c->code);
		}
		return IFGW_OK;
	case FK_GROUP:
		saved = path_push(cx, f->name, 0);
		rc = ifgw_desc_check(cx, f->sub, p);
		path_pop(cx, saved);
		return rc;
	case FK_LIST:
	case FK_ITEMS: {
		const void *base = f->kind == FK_LIST ? p : *(const void *const *)p;

		n = *(const size_t *)IFGW_CAT(s, f->count_off);
		if (n > (size_t)f->max)
			return ifgw_model_fail(cx, IFGW_EOVERFLOW, f->name, "%zu entries, more than %lld", n,
					       (long long)f->max);
		if (n > 0 && !base)
			return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "%zu entries but no list", n);
		for (k = 0; k < n && rc == IFGW_OK; k++) {
			saved = path_push(cx, f->name, k + 1);
			rc = ifgw_desc_check(cx, f->sub, IFGW_CAT(base, k * f->size));
			path_pop(cx, saved);
		}
		return rc;
	}
	}
	return IFGW_OK;
}

int ifgw_desc_check(struct ifgw_check_ctx *cx, const struct ifgw_sdesc *d, const void *s)
{
	size_t i;
	int rc;

	for (i = 0; i < d->n; i++) {
		const struct ifgw_field *f = &d->fields[i];

		if (field_absent(f, s)) {
			if (f->req)
				return ifgw_model_fail(cx, IFGW_EINVAL, f->name, "required, missing");
			continue;
		}
		if ((rc = check_field(cx, f, s)) != IFGW_OK)
			return rc;
	}
	return IFGW_OK;
}

/* --- rules of the message types */

static int need(struct ifgw_check_ctx *cx, const char *field, int present)
{
	return present ? IFGW_OK : ifgw_model_fail(cx, IFGW_EINVAL, field, "required, missing");
}

static int in_ccy(struct ifgw_check_ctx *cx, const char *field, const struct ifgw_money *m,
		  const struct ifgw_currency *ccy)
{
	if (m->ccy && ccy && m->ccy != ccy)
		return ifgw_model_fail(cx, IFGW_EINVAL, field, "in %s, not %s as the rest", m->ccy->code, ccy->code);
	return IFGW_OK;
}

static int not_before(struct ifgw_check_ctx *cx, const char *field, int32_t later, int32_t earlier,
		      const char *what)
{
	char a[IFGW_DATE_STRLEN], b[IFGW_DATE_STRLEN];

	if (later == IFGW_DATE_NONE || earlier == IFGW_DATE_NONE || later >= earlier)
		return IFGW_OK;
	ifgw_date_format(later, a);
	ifgw_date_format(earlier, b);
	return ifgw_model_fail(cx, IFGW_EINVAL, field, "%s is before the %s %s", a, what, b);
}

static int money_eq(const struct ifgw_money *a, const struct ifgw_money *b)
{
	return a->ccy == b->ccy && a->minor == b->minor;
}

static int total_matches(struct ifgw_check_ctx *cx, const char *field, const struct ifgw_money *given,
			 const struct ifgw_money *expected, const char *what)
{
	char g[IFGW_MONEY_STRLEN + 8], e[IFGW_MONEY_STRLEN + 8];

	if (money_eq(given, expected))
		return IFGW_OK;
	ifgw_model_money_text(g, given);
	ifgw_model_money_text(e, expected);
	return ifgw_model_fail(cx, IFGW_EINVAL, field, "control total mismatch: %s given, but the %s add up to %s", g,
			       what, e);
}

/* Invoice rules; cx->path names the invoice. */
static int invoice_rules(struct ifgw_check_ctx *cx, const struct ifgw_invoice *inv)
{
	int rc;

	if (inv->doc_type != IFGW_DOC_INVOICE && inv->doc_type != IFGW_DOC_CREDIT_NOTE)
		return ifgw_model_fail(cx, IFGW_EINVAL, "DocType", "%s: an invoice or a credit note is expected",
				       ifgw_code_token(IFGW_CL_DOC_TYPE, inv->doc_type));
	if ((rc = not_before(cx, "DueDate", inv->due_date, inv->issue_date, "issue date")) != IFGW_OK ||
	    (rc = in_ccy(cx, "TaxableAmount", &inv->taxable_amount, inv->amount.ccy)) != IFGW_OK ||
	    (rc = in_ccy(cx, "TaxAmount", &inv->tax_amount, inv->amount.ccy)) != IFGW_OK)
		return rc;
	if (!inv->buyer.nr[0] && !inv->buyer.name[0])
		return ifgw_model_fail(cx, IFGW_EINVAL, "Buyer", "needs a Nr or a Name");
	return IFGW_OK;
}

int ifgw_invoice_check(const struct ifgw_invoice *inv, const char *where)
{
	struct ifgw_check_ctx cx;
	int rc;

	IFGW_ASSERT_ARG(inv);

	snprintf(cx.path, sizeof(cx.path), "%s", where ? where : "Invoice");
	cx.err_path[0] = '\0';
	if ((rc = ifgw_desc_check(&cx, &ifgw_desc_invoice, inv)) != IFGW_OK)
		return rc;
	return invoice_rules(&cx, inv);
}

/* Run fn over each item with the path pointing at it. */
#define EACH_ITEM(cx, name, items, n, var, body)                                                                   \
	do {                                                                                                       \
		size_t i_;                                                                                         \
		for (i_ = 0; i_ < (n) && rc == IFGW_OK; i_++) {                                                    \
			size_t saved_ = path_push((cx), (name), i_ + 1);                                           \
			var = &(items)[i_];                                                                        \
			body;                                                                                      \
			path_pop((cx), saved_);                                                                    \
		}                                                                                                  \
	} while (0)

static int cmp_docs(const void *a, const void *b)
{
	const struct ifgw_invoice *x = *(const struct ifgw_invoice *const *)a;
	const struct ifgw_invoice *y = *(const struct ifgw_invoice *const *)b;

	if (x->doc_type != y->doc_type)
		return x->doc_type < y->doc_type ? -1 : 1;
	return strcmp(x->number, y->number);
}

/* The same document twice in one list is refused. */
static int no_duplicates(struct ifgw_check_ctx *cx, const char *name, const struct ifgw_invoice *items, size_t n)
{
	const struct ifgw_invoice **v;
	size_t i;
	int rc = IFGW_OK;

	if (n < 2)
		return IFGW_OK;
	if (!(v = malloc(n * sizeof(*v))))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory checking %zu documents", n);
	for (i = 0; i < n; i++)
		v[i] = &items[i];
	qsort(v, n, sizeof(*v), cmp_docs);
	for (i = 1; i < n; i++)
		if (cmp_docs(&v[i - 1], &v[i]) == 0) {
			char field[64];

			snprintf(field, sizeof(field), "%s[%zu]/Number", name, (size_t)(v[i] - items) + 1);
			rc = ifgw_model_fail(cx, IFGW_EINVAL, field, "%s %s appears twice",
					     ifgw_code_token(IFGW_CL_DOC_TYPE, v[i]->doc_type), v[i]->number);
			break;
		}
	free(v);
	return rc;
}

static int batch_rules(struct ifgw_check_ctx *cx, const struct ifgw_assignment_batch *b)
{
	struct ifgw_batch_total want[IFGW_BATCH_CCY_MAX];
	const struct ifgw_invoice *inv;
	char field[64], given[128], expected[128];
	size_t n = 0, i;
	int rc = IFGW_OK;

	if ((rc = need(cx, "Seller/Nr", b->seller.nr[0] != '\0')) != IFGW_OK)
		return rc;
	EACH_ITEM(cx, "Invoice", b->items, b->n_items, inv, rc = invoice_rules(cx, inv));
	if (rc != IFGW_OK || (rc = no_duplicates(cx, "Invoice", b->items, b->n_items)) != IFGW_OK)
		return rc;
	if ((rc = ifgw_model_batch_totals(want, &n, b->items, b->n_items)) != IFGW_OK)
		return fail_wrap(cx, rc, "Invoice");
	if (n != b->n_totals) {
		rc = IFGW_EINVAL;
	} else {
		for (i = 0; i < n; i++)
			if (want[i].ccy != b->totals[i].ccy)
				rc = IFGW_EINVAL;
	}
	if (rc != IFGW_OK) {
		given[0] = expected[0] = '\0';
		for (i = 0; i < b->n_totals && i < IFGW_BATCH_CCY_MAX; i++)
			snprintf(given + strlen(given), sizeof(given) - strlen(given), "%s%s", i ? ", " : "",
				 b->totals[i].ccy ? b->totals[i].ccy->code : "?");
		for (i = 0; i < n; i++)
			snprintf(expected + strlen(expected), sizeof(expected) - strlen(expected), "%s%s",
				 i ? ", " : "", want[i].ccy->code);
		return ifgw_model_fail(cx, IFGW_EINVAL, "Total",
				       "control totals given for currencies (%s) but the documents are in (%s), "
				       "one total per currency sorted by code",
				       given, expected);
	}
	for (i = 0; i < n; i++) {
		const struct ifgw_batch_total *t = &b->totals[i];

		snprintf(field, sizeof(field), "Total[%zu]/InvoiceCount", i + 1);
		if (t->n_invoices != want[i].n_invoices)
			return ifgw_model_fail(cx, IFGW_EINVAL, field,
					       "control total mismatch: %ld given, but the batch has %ld invoices in %s",
					       (long)t->n_invoices, (long)want[i].n_invoices, t->ccy->code);
		snprintf(field, sizeof(field), "Total[%zu]/CreditNoteCount", i + 1);
		if (t->n_credit_notes != want[i].n_credit_notes)
			return ifgw_model_fail(
				cx, IFGW_EINVAL, field,
				"control total mismatch: %ld given, but the batch has %ld credit notes in %s",
				(long)t->n_credit_notes, (long)want[i].n_credit_notes, t->ccy->code);
		snprintf(field, sizeof(field), "Total[%zu]/Invoices", i + 1);
		if ((rc = total_matches(cx, field, &t->invoices, &want[i].invoices, "invoices")) != IFGW_OK)
			return rc;
		snprintf(field, sizeof(field), "Total[%zu]/CreditNotes", i + 1);
		if ((rc = total_matches(cx, field, &t->credit_notes, &want[i].credit_notes, "credit notes")) !=
		    IFGW_OK)
			return rc;
	}
	return IFGW_OK;
}

static int payment_rules(struct ifgw_check_ctx *cx, int type, const struct ifgw_payment *p)
{
	/* DocumentPaid values per message (FCI codelist: 11, 12, 13) */
	static const int allowed11[] = {1, 2, 3, 4, 5, 8}, allowed12[] = {1, 2, 5, 8}, allowed13[] = {1, 2, 5};
	const int *allowed = type == IFGW_MSG_PAYMENT ? allowed11
			     : type == IFGW_MSG_INDIRECT_PAYMENT ? allowed12 : allowed13;
	size_t n_allowed = type == IFGW_MSG_PAYMENT ? 6 : type == IFGW_MSG_INDIRECT_PAYMENT ? 4 : 3;
	struct ifgw_money paid, charges, cleared;
	const struct ifgw_payment_item *it;
	int rc = IFGW_OK;

	if ((rc = need(cx, "Seller/Nr", p->seller.nr[0] != '\0')) != IFGW_OK)
		return rc;
	EACH_ITEM(cx, "Item", p->items, p->n_items, it, {
		size_t k;
		int ok = 0;

		for (k = 0; k < n_allowed; k++)
			ok |= allowed[k] == it->doc_paid;
		if (!ok)
			rc = ifgw_model_fail(cx, IFGW_EINVAL, "DocPaid", "%d is not allowed in a %s", it->doc_paid,
					     ifgw_msg_type_name(type));
		else if (!it->buyer.nr[0])
			rc = need(cx, "Buyer/Nr", 0);
		else if (type == IFGW_MSG_GUARANTEE_PAYMENT && it->pay_type)
			rc = ifgw_model_fail(cx, IFGW_EINVAL, "PayType", "not used in a guarantee payment");
		else if (type != IFGW_MSG_GUARANTEE_PAYMENT && !it->pay_type)
			rc = need(cx, "PayType", 0);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "DocAmount", &it->doc_amount, p->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Paid", &it->paid, p->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "BankCharge", &it->bank_charge, p->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Deduction", &it->deduction, p->currency);
	});
	if (rc != IFGW_OK)
		return rc;
	if ((rc = ifgw_model_payment_totals(&paid, &charges, &cleared, p)) != IFGW_OK)
		return fail_wrap(cx, rc, "Item");
	if ((rc = total_matches(cx, "TotalPaid", &p->total_paid, &paid, "payments")) != IFGW_OK ||
	    (rc = total_matches(cx, "TotalCharges", &p->total_charges, &charges, "charges and deductions")) !=
		    IFGW_OK ||
	    (rc = total_matches(cx, "TotalCleared", &p->total_cleared, &cleared, "cleared amounts")) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

static int cover_request_rules(struct ifgw_check_ctx *cx, const struct ifgw_cover_request *r)
{
	int rc;

	if ((rc = need(cx, "Seller/Nr", r->seller.nr[0] != '\0')) != IFGW_OK ||
	    (rc = need(cx, "Buyer/Nr", r->buyer.nr[0] != '\0')) != IFGW_OK)
		return rc;
	if (r->kind == IFGW_COVER_NEW) {
		if ((rc = need(cx, "Buyer/Name", r->buyer.name[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "Buyer/Country", r->buyer.country[0] != '\0')) != IFGW_OK)
			return rc;
		if (r->reminder)
			return ifgw_model_fail(cx, IFGW_EINVAL, "Reminder", "only a revision request can be a reminder");
	}
	if ((rc = in_ccy(cx, "CurrentAmount", &r->current_amount, r->amount.ccy)) != IFGW_OK ||
	    (rc = in_ccy(cx, "OwnRiskAmount", &r->own_risk_amount, r->amount.ccy)) != IFGW_OK ||
	    (rc = not_before(cx, "ExpiryDate", r->expiry_date, r->valid_from, "valid-from date")) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

static int cover_response_rules(struct ifgw_check_ctx *cx, int type, const struct ifgw_cover_response *r)
{
	int rc;

	if ((rc = need(cx, "Seller/Nr", r->seller.nr[0] != '\0')) != IFGW_OK ||
	    (rc = need(cx, "Buyer/Nr", r->buyer.nr[0] != '\0')) != IFGW_OK)
		return rc;
	if (type == IFGW_MSG_COVER_RESPONSE && !r->request_nr[0])
		return need(cx, "RequestNr", 0);
	if (type == IFGW_MSG_COVER_REVISION && r->request_nr[0])
		return ifgw_model_fail(cx, IFGW_EINVAL, "RequestNr",
				       "a revision is the import factor's own: it answers no request");
	if ((r->decision == IFGW_COVER_PARTLY_APPROVED || r->decision == IFGW_COVER_DECLINED) && !r->reason)
		return ifgw_model_fail(cx, IFGW_EINVAL, "Reason", "required when the cover is %s",
				       ifgw_code_token(IFGW_CL_COVER_DECISION, r->decision));
	if ((r->decision == IFGW_COVER_DECLINED || r->decision == IFGW_COVER_CANCELLED) && r->amount.minor != 0)
		return ifgw_model_fail(cx, IFGW_EINVAL, "Amount", "must be 0 when the cover is %s",
				       ifgw_code_token(IFGW_CL_COVER_DECISION, r->decision));
	if ((rc = in_ccy(cx, "CurrentAmount", &r->current_amount, r->amount.ccy)) != IFGW_OK ||
	    (rc = in_ccy(cx, "OwnRiskAmount", &r->own_risk_amount, r->amount.ccy)) != IFGW_OK ||
	    (rc = not_before(cx, "ReplyDate", r->reply_date, r->request_date, "request date")) != IFGW_OK ||
	    (rc = not_before(cx, "ExpiryDate", r->expiry_date, r->valid_from, "valid-from date")) != IFGW_OK)
		return rc;
	return IFGW_OK;
}

static int status_rules(struct ifgw_check_ctx *cx, const struct ifgw_assignment_status *s)
{
	const struct ifgw_assignment_item *it;
	size_t accepted = 0, rejected = 0, i;
	int rc = IFGW_OK;

	EACH_ITEM(cx, "Item", s->items, s->n_items, it, {
		if (it->status == IFGW_ITEM_PARTLY_ACCEPTED)
			rc = ifgw_model_fail(cx, IFGW_EINVAL, "Status", "partly-accepted is for a whole batch");
		else if (it->status == IFGW_ITEM_REJECTED && !it->reason_code[0] && !it->reason_text[0])
			rc = ifgw_model_fail(cx, IFGW_EINVAL, "ReasonCode", "a rejection needs a reason");
		else if (it->doc_type != IFGW_DOC_INVOICE && it->doc_type != IFGW_DOC_CREDIT_NOTE)
			rc = ifgw_model_fail(cx, IFGW_EINVAL, "DocType", "an invoice or a credit note is expected");
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "ApprovedAmount", &it->approved_amount, it->amount.ccy);
	});
	if (rc != IFGW_OK)
		return rc;
	for (i = 0; i < s->n_items; i++) {
		accepted += s->items[i].status == IFGW_ITEM_ACCEPTED;
		rejected += s->items[i].status == IFGW_ITEM_REJECTED;
	}
	if (s->status == IFGW_ITEM_ACCEPTED && rejected)
		return ifgw_model_fail(cx, IFGW_EINVAL, "Status", "accepted, but %zu item(s) are rejected", rejected);
	if (s->status == IFGW_ITEM_REJECTED && accepted)
		return ifgw_model_fail(cx, IFGW_EINVAL, "Status", "rejected, but %zu item(s) are accepted", accepted);
	if (s->status == IFGW_ITEM_REJECTED && !s->reason_code[0] && !s->reason_text[0] && s->n_items == 0)
		return ifgw_model_fail(cx, IFGW_EINVAL, "ReasonCode", "a rejection needs a reason");
	return IFGW_OK;
}

static int dispute_rules(struct ifgw_check_ctx *cx, int type, const struct ifgw_dispute *d)
{
	const struct ifgw_dispute_item *it;
	int rc = IFGW_OK;

	if ((rc = need(cx, "Seller/Nr", d->seller.nr[0] != '\0')) != IFGW_OK ||
	    (rc = need(cx, "Buyer/Nr", d->buyer.nr[0] != '\0')) != IFGW_OK)
		return rc;
	if (type == IFGW_MSG_DISPUTE_STATUS) {
		if (!d->status)
			return need(cx, "Status", 0);
		if (d->status == IFGW_DISPUTE_SETTLED && d->settlement_date == IFGW_DATE_NONE)
			return ifgw_model_fail(cx, IFGW_EINVAL, "SettlementDate", "required when the dispute is settled");
	} else {
		if (d->status)
			return ifgw_model_fail(cx, IFGW_EINVAL, "Status", "a dispute notice has no status");
		if (d->settlement_date != IFGW_DATE_NONE)
			return ifgw_model_fail(cx, IFGW_EINVAL, "SettlementDate", "a dispute notice is not settled");
	}
	if ((rc = not_before(cx, "Date", d->date, d->origin_date, "origin date")) != IFGW_OK ||
	    (rc = not_before(cx, "SettlementDate", d->settlement_date, d->origin_date, "origin date")) != IFGW_OK)
		return rc;
	EACH_ITEM(cx, "Item", d->items, d->n_items, it, {
		if (type == IFGW_MSG_DISPUTE_NOTICE && it->instruction)
			rc = ifgw_model_fail(cx, IFGW_EINVAL, "Instruction", "only in a dispute status");
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "DocAmount", &it->doc_amount, d->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Disputed", &it->disputed, d->currency);
	});
	return rc;
}

static int chargeback_rules(struct ifgw_check_ctx *cx, const struct ifgw_chargeback *c)
{
	const struct ifgw_chargeback_item *it;
	struct ifgw_money want;
	int rc = IFGW_OK;

	if ((rc = need(cx, "Seller/Nr", c->seller.nr[0] != '\0')) != IFGW_OK)
		return rc;
	EACH_ITEM(cx, "Item", c->items, c->n_items, it, {
		if (it->doc_type != IFGW_DOC_INVOICE && it->doc_type != IFGW_DOC_CREDIT_NOTE &&
		    it->doc_type != IFGW_DOC_OTHER_5)
			rc = ifgw_model_fail(cx, IFGW_EINVAL, "DocType", "%s is not allowed in a charge-back",
					     ifgw_code_token(IFGW_CL_DOC_TYPE, it->doc_type));
		else if (!it->buyer.nr[0])
			rc = need(cx, "Buyer/Nr", 0);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "DocAmount", &it->doc_amount, c->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Amount", &it->amount, c->currency);
	});
	if (rc != IFGW_OK)
		return rc;
	if ((rc = ifgw_model_sum(&want, c->currency, c->items, c->n_items, sizeof(*c->items),
				 offsetof(struct ifgw_chargeback_item, amount),
				 offsetof(struct ifgw_chargeback_item, doc_type))) != IFGW_OK)
		return fail_wrap(cx, rc, "Item");
	return total_matches(cx, "Total", &c->total, &want, "items");
}

static int remittance_rules(struct ifgw_check_ctx *cx, const struct ifgw_remittance *r)
{
	const struct ifgw_remittance_item *it;
	struct ifgw_money want;
	int rc = IFGW_OK;

	EACH_ITEM(cx, "Item", r->items, r->n_items, it, {
		rc = in_ccy(cx, "Amount", &it->amount, r->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "BankCharge", &it->bank_charge, r->currency);
	});
	if (rc != IFGW_OK)
		return rc;
	if ((rc = ifgw_model_sum(&want, r->currency, r->items, r->n_items, sizeof(*r->items),
				 offsetof(struct ifgw_remittance_item, amount), SIZE_MAX)) != IFGW_OK)
		return fail_wrap(cx, rc, "Item");
	return total_matches(cx, "Total", &r->total, &want, "items");
}

static int financing_request_rules(struct ifgw_check_ctx *cx, const struct ifgw_financing_request *f)
{
	const struct ifgw_financing_item *it;
	struct ifgw_money want;
	int rc = IFGW_OK;

	if ((rc = need(cx, "Requester/Name", f->requester.name[0] != '\0')) != IFGW_OK)
		return rc;
	EACH_ITEM(cx, "Item", f->items, f->n_items, it, {
		size_t saved = path_push(cx, "Invoice", 0);

		rc = invoice_rules(cx, &it->invoice);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Amount", &it->invoice.amount, f->currency);
		path_pop(cx, saved);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "RequestedAmount", &it->requested, f->currency);
		if (rc == IFGW_OK && it->requested.ccy && it->requested.minor > it->invoice.amount.minor)
			rc = ifgw_model_fail(cx, IFGW_EINVAL, "RequestedAmount", "more than the invoice amount");
		if (rc == IFGW_OK && it->requested.ccy && it->requested_pct != IFGW_PCT_NONE)
			rc = ifgw_model_fail(cx, IFGW_EINVAL, "RequestedPercent",
					     "give a requested amount or a percentage, not both");
	});
	if (rc != IFGW_OK || !f->total.ccy)
		return rc;
	if ((rc = ifgw_model_sum(&want, f->currency, f->items, f->n_items, sizeof(*f->items),
				 offsetof(struct ifgw_financing_item, invoice) + offsetof(struct ifgw_invoice, amount),
				 offsetof(struct ifgw_financing_item, invoice) +
					 offsetof(struct ifgw_invoice, doc_type))) != IFGW_OK)
		return fail_wrap(cx, rc, "Item");
	return total_matches(cx, "Total", &f->total, &want, "invoices");
}

static int financing_status_rules(struct ifgw_check_ctx *cx, const struct ifgw_financing_status *f)
{
	const struct ifgw_financing_item_status *it;
	int rc = IFGW_OK;

	if ((rc = in_ccy(cx, "FinancedTotal", &f->financed_total, f->accepted_total.ccy)) != IFGW_OK)
		return rc;
	EACH_ITEM(cx, "Item", f->items, f->n_items, it, {
		rc = in_ccy(cx, "Financed", &it->financed, it->amount.ccy);
		if (rc == IFGW_OK)
			rc = not_before(cx, "DueDate", it->due_date, it->issue_date, "issue date");
	});
	return rc;
}

static int position_rules(struct ifgw_check_ctx *cx, const struct ifgw_position *p)
{
	const struct ifgw_position_line *it;
	size_t k;
	int rc = IFGW_OK;

	if ((rc = need(cx, "Entity/Name", p->entity.name[0] != '\0')) != IFGW_OK ||
	    (rc = need(cx, "Entity/Country", p->entity.country[0] != '\0')) != IFGW_OK)
		return rc;
	EACH_ITEM(cx, "Line", p->items, p->n_items, it, {
		for (k = 0; k < i_ && rc == IFGW_OK; k++)
			if (p->items[k].currency == it->currency)
				rc = ifgw_model_fail(cx, IFGW_EINVAL, "Currency", "%s has a line already",
						     it->currency->code);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Assigned", &it->assigned, it->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Approved", &it->approved, it->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Funded", &it->funded, it->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Available", &it->available, it->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Overdue", &it->overdue, it->currency);
		if (rc == IFGW_OK)
			rc = in_ccy(cx, "Disputed", &it->disputed, it->currency);
	});
	return rc;
}

static int type_rules(struct ifgw_check_ctx *cx, const struct ifgw_msg *m)
{
	const struct ifgw_invoice *inv;
	int type = m->hdr.type, rc = IFGW_OK;

	switch (type) {
	case IFGW_MSG_SELLER_REGISTRATION: {
		const struct ifgw_seller_registration *s = &m->body.seller_registration;

		if ((rc = need(cx, "Seller/Nr", s->seller.nr[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "Seller/Name", s->seller.name[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "Seller/Street[1]", s->seller.street[0][0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "Seller/City", s->seller.city[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "Seller/Postcode", s->seller.postcode[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "Seller/Country", s->seller.country[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "Terms/NetDays", s->terms.net_days != IFGW_INT_NONE)) != IFGW_OK)
			return rc;
		return IFGW_OK;
	}
	case IFGW_MSG_COVER_REQUEST:
		return cover_request_rules(cx, &m->body.cover_request);
	case IFGW_MSG_COVER_RESPONSE:
	case IFGW_MSG_COVER_REVISION:
		return cover_response_rules(cx, type, &m->body.cover_response);
	case IFGW_MSG_ASSIGNMENT_BATCH:
		return batch_rules(cx, &m->body.batch);
	case IFGW_MSG_ASSIGNMENT_STATUS:
		return status_rules(cx, &m->body.assignment_status);
	case IFGW_MSG_DEBTOR_NOTICE: {
		const struct ifgw_debtor_notice *d = &m->body.debtor_notice;

		if ((rc = need(cx, "Debtor/Name", d->debtor.name[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "Seller/Name", d->seller.name[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "Assignee/Name", d->assignee.name[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "PayTo/Account", d->pay_to.account[0] != '\0')) != IFGW_OK)
			return rc;
		EACH_ITEM(cx, "Invoice", d->items, d->n_items, inv, rc = invoice_rules(cx, inv));
		if (rc == IFGW_OK)
			rc = no_duplicates(cx, "Invoice", d->items, d->n_items);
		return rc;
	}
	case IFGW_MSG_DOCUMENT_ADJUSTMENT: {
		const struct ifgw_adjustment *a = &m->body.adjustment;

		if ((rc = need(cx, "Seller/Nr", a->seller.nr[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "Buyer/Nr", a->buyer.nr[0] != '\0')) != IFGW_OK)
			return rc;
		if (a->doc_type != IFGW_DOC_INVOICE && a->doc_type != IFGW_DOC_CREDIT_NOTE)
			return ifgw_model_fail(cx, IFGW_EINVAL, "DocType", "an invoice or a credit note is expected");
		return not_before(cx, "DueDate", a->due_date, a->doc_date, "document date");
	}
	case IFGW_MSG_PAYMENT:
	case IFGW_MSG_INDIRECT_PAYMENT:
	case IFGW_MSG_GUARANTEE_PAYMENT:
		return payment_rules(cx, type, &m->body.payment);
	case IFGW_MSG_DISPUTE_NOTICE:
	case IFGW_MSG_DISPUTE_STATUS:
		return dispute_rules(cx, type, &m->body.dispute);
	case IFGW_MSG_CHARGEBACK:
		return chargeback_rules(cx, &m->body.chargeback);
	case IFGW_MSG_REMITTANCE:
		return remittance_rules(cx, &m->body.remittance);
	case IFGW_MSG_FINANCING_REQUEST:
		return financing_request_rules(cx, &m->body.financing_request);
	case IFGW_MSG_FINANCING_STATUS:
		return financing_status_rules(cx, &m->body.financing_status);
	case IFGW_MSG_FINANCING_CANCELLATION:
		return IFGW_OK;
	case IFGW_MSG_POSITION_STATEMENT:
		return position_rules(cx, &m->body.position);
	case IFGW_MSG_FREE_TEXT: {
		const struct ifgw_free_text *f = &m->body.free_text;

		if ((rc = need(cx, "SenderContact/Name", f->sender_contact.name[0] != '\0')) != IFGW_OK ||
		    (rc = need(cx, "RecipientContact/Name", f->recipient_contact.name[0] != '\0')) != IFGW_OK)
			return rc;
		return IFGW_OK;
	}
	}
	return IFGW_OK;
}

int ifgw_model_check(struct ifgw_check_ctx *cx, const struct ifgw_msg *m)
{
	const struct ifgw_tdesc *t = ifgw_desc_type(m->hdr.type);
	size_t saved;
	int rc;

	cx->path[0] = cx->err_path[0] = '\0';
	if (!t)
		return ifgw_error_set(IFGW_EINVAL, "message type %d does not exist", m->hdr.type);
	snprintf(cx->path, sizeof(cx->path), "%s", ifgw_msg_type_name(m->hdr.type));
	saved = path_push(cx, "Header", 0);
	rc = ifgw_desc_check(cx, &ifgw_desc_header, &m->hdr);
	path_pop(cx, saved);
	if (rc != IFGW_OK)
		return rc;
	if ((rc = ifgw_desc_check(cx, t->body, &m->body)) != IFGW_OK)
		return rc;
	return type_rules(cx, m);
}

int ifgw_msg_check(const struct ifgw_msg *m)
{
	struct ifgw_check_ctx cx;

	IFGW_ASSERT_ARG(m);

	return ifgw_model_check(&cx, m);
}
