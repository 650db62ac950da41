/* validate.c: the checks that need a whole document (required fields,
 * signs, dates, registration and VAT numbers, the model's own check) and
 * the index of document numbers that finds duplicates across files. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapters/country.h"
#include "base/date.h"
#include "gateway/model/codes.h"
#define IFGW_INGEST_INTERNAL
#include "gateway/ingest/ingest_int.h"

/* --- duplicate index: open addressing over keys kept in one capped buffer */

#define DUP_KEYS_MAX (256u << 20)

struct dup_entry {
	uint64_t hash;   /* 0: empty slot */
	size_t key_off;
	uint32_t key_len;
	uint32_t file;
	unsigned line;
};

struct ingest_dup {
	struct dup_entry *tab;
	size_t cap; /* a power of two */
	size_t n;
	struct ifgw_buf keys;
};

int ingest_dup_new(struct ingest_dup **out)
{
	struct ingest_dup *x = calloc(1, sizeof(*x));

	*out = NULL;
	if (!x)
		return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
	x->cap = 1024;
	x->tab = calloc(x->cap, sizeof(*x->tab));
	if (!x->tab) {
		free(x);
		return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
	}
	ifgw_buf_init(&x->keys, DUP_KEYS_MAX);
	*out = x;
	return IFGW_OK;
}

void ingest_dup_free(struct ingest_dup *x)
{
	if (!x)
		return;
	free(x->tab);
	ifgw_buf_free(&x->keys);
	free(x);
}

static uint64_t hash_key(const char *s, size_t n)
{
	uint64_t h = UINT64_C(1469598103934665603); /* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	return h ? h : 1;
}

static int dup_grow(struct ingest_dup *x)
{
	size_t cap = x->cap * 2, i;
	struct dup_entry *tab = calloc(cap, sizeof(*tab));

	if (!tab)
		return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
	for (i = 0; i < x->cap; i++) {
		size_t j;

		if (!x->tab[i].hash)
			continue;
		for (j = x->tab[i].hash & (cap - 1); tab[j].hash; j = (j + 1) & (cap - 1))
			;
		tab[j] = x->tab[i];
	}
	free(x->tab);
	x->tab = tab;
	x->cap = cap;
	return IFGW_OK;
}

/* Look key up; when absent add it with (file, line) and set *first to NULL,
 * else point *first at the entry that has it. */
static int dup_find_add(struct ingest_dup *x, const char *key, size_t len, size_t file, unsigned line,
			const struct dup_entry **first)
{
	uint64_t h = hash_key(key, len);
	size_t j;
	int rc;

	*first = NULL;
	for (j = h & (x->cap - 1); x->tab[j].hash; j = (j + 1) & (x->cap - 1)) {
		const struct dup_entry *e = &x->tab[j];

		if (e->hash == h && e->key_len == len && memcmp(x->keys.ptr + e->key_off, key, len) == 0) {
			*first = e;
			return IFGW_OK;
		}
	}
	if ((x->n + 1) * 4 > x->cap * 3) { /* keep the load under 3/4 */
		if ((rc = dup_grow(x)) != IFGW_OK)
			return rc;
		for (j = h & (x->cap - 1); x->tab[j].hash; j = (j + 1) & (x->cap - 1))
			;
	}
	x->tab[j].hash = h;
	x->tab[j].key_off = x->keys.len;
	x->tab[j].key_len = (uint32_t)len;
	x->tab[j].file = (uint32_t)file;
	x->tab[j].line = line;
	if ((rc = ifgw_buf_add(&x->keys, key, len)) != IFGW_OK) {
		x->tab[j].hash = 0;
		return rc;
	}
	x->n++;
	return IFGW_OK;
}

/* The same document (type and number, as the model tells documents apart)
 * for the same seller, seen before?  The seller
 * is known by each of its identifiers (registration number, VAT number,
 * factor-known id), so two files naming it differently still meet when one
 * document carries both. */
static int check_duplicate(struct ingest_doc *d)
{
	static const int ids[] = {F_S_REG, F_S_VAT, F_S_ID};
	const struct ifgw_invoice *inv = &d->out.inv;
	const char *vals[] = {inv->seller.reg_nr, inv->seller.vat_nr, inv->seller.nr};
	const struct dup_entry *first, *reported = NULL;
	char key[16 + IFGW_ID_SIZE * 2];
	size_t i;
	int n, rc;

	if (!(d->present & F_BIT(F_NUMBER)) || (d->bad & F_BIT(F_NUMBER)) || !inv->number[0])
		return IFGW_OK;
	for (i = 0; i < 3; i++) {
		if (!vals[i][0] || (d->bad & F_BIT(ids[i])))
			continue;
		n = snprintf(key, sizeof(key), "%c%d%s\x1f%s\x1f%s", "RVI"[i], inv->doc_type, inv->seller.country,
			     vals[i], inv->number);
		if (n < 0 || (size_t)n >= sizeof(key))
			continue;
		if ((rc = dup_find_add(d->ing->dups, key, (size_t)n, d->ing->file_index, d->out.line, &first)) !=
		    IFGW_OK)
			return rc;
		if (first && !reported) {
			reported = first;
			ingest_doc_problem(d, F_NUMBER, d->lines[F_NUMBER],
					   "duplicate %s number '%s' for the seller %s %s (first at %s:%u)",
					   inv->doc_type == IFGW_DOC_CREDIT_NOTE ? "credit note" : "invoice", inv->number, inv->seller.country, vals[i], d->ing->files[first->file].name,
					   first->line);
		}
	}
	return IFGW_OK;
}

/* --- registration and VAT numbers */

/* Check and normalise one number with the party's country profile (or, for
 * a VAT number whose prefix names another country, that country's).  A
 * country without a profile: the number is kept as given. */
static void check_number(struct ingest_doc *d, int f, char *value, size_t size, const char *country, int vat)
{
	const struct ifgw_country_profile *p;
	char norm[IFGW_REGNO_MAX], cc[3];
	int rc;

	if (!value[0] || (d->bad & F_BIT(f)) || !country[0])
		return;
	p = ifgw_country_find(country);
	if (vat && value[0] >= 'A' && value[0] <= 'Z' && value[1] >= 'A' && value[1] <= 'Z' &&
	    (value[0] != country[0] || value[1] != country[1])) {
		cc[0] = value[0];
		cc[1] = value[1];
		cc[2] = 0;
		if (ifgw_country_find(cc))
			p = ifgw_country_find(cc);
	}
	if (!p)
		return;
	rc = vat ? ifgw_country_check_vat(p, value, strlen(value), norm, sizeof(norm))
		 : ifgw_country_check_regno(p, value, strlen(value), norm, sizeof(norm));
	if (rc != IFGW_OK) {
		d->bad |= F_BIT(f);
		ingest_doc_problem_err(d, f, d->lines[f]);
		return;
	}
	if (strlen(norm) < size)
		memcpy(value, norm, strlen(norm) + 1);
}

static void check_party(struct ingest_doc *d, struct ifgw_party *p, int base)
{
	check_number(d, base + (F_S_REG - F_S_ID), p->reg_nr, sizeof(p->reg_nr), p->country, 0);
	check_number(d, base + (F_S_VAT - F_S_ID), p->vat_nr, sizeof(p->vat_nr), p->country, 1);
}

static void check_sign(struct ingest_doc *d, int f, const struct ifgw_money *m)
{
	if (!m->ccy || m->minor >= 0)
		return;
	d->bad |= F_BIT(f);
	if (d->out.inv.doc_type == IFGW_DOC_CREDIT_NOTE)
		ingest_doc_problem(d, f, d->lines[f], "negative amount: a credit note carries a positive amount "
						      "(the document type gives the sign)");
	else
		ingest_doc_problem(d, f, d->lines[f], "negative amount on an invoice (send a credit note with a "
						      "positive amount instead)");
}

int ingest_validate(struct ingest_doc *d)
{
	static const int required[] = {F_DOC_TYPE, F_NUMBER, F_ISSUE_DATE, F_CURRENCY, F_AMOUNT,
				       F_S_NAME,   F_S_COUNTRY, F_D_NAME,  F_D_COUNTRY};
	struct ifgw_invoice *inv = &d->out.inv;
	size_t i;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!(d->present & F_BIT(required[i])))
			ingest_doc_problem(d, required[i], d->out.line, "missing");
	/* A credit note is due when it is issued unless it says otherwise. */
	if (!(d->present & F_BIT(F_DUE_DATE))) {
		if (inv->doc_type == IFGW_DOC_CREDIT_NOTE)
			inv->due_date = inv->issue_date;
		else
			ingest_doc_problem(d, F_DUE_DATE, d->out.line, "missing (an invoice needs a due date)");
	}
	if (!(d->present & (F_BIT(F_S_REG) | F_BIT(F_S_VAT) | F_BIT(F_S_ID))))
		ingest_doc_problem(d, F_S_REG, d->out.line,
				   "missing: the seller needs a registration number, a VAT number or an id");
	check_sign(d, F_AMOUNT, &inv->amount);
	check_sign(d, F_TAXABLE, &inv->taxable_amount);
	check_sign(d, F_TAX, &inv->tax_amount);
	if (inv->issue_date != IFGW_DATE_NONE && inv->due_date != IFGW_DATE_NONE && inv->due_date < inv->issue_date &&
	    (d->present & F_BIT(F_DUE_DATE))) {
		char issue[IFGW_DATE_STRLEN], due[IFGW_DATE_STRLEN];

		ifgw_date_format(inv->issue_date, issue);
		ifgw_date_format(inv->due_date, due);
		d->bad |= F_BIT(F_DUE_DATE);
		ingest_doc_problem(d, F_DUE_DATE, d->lines[F_DUE_DATE], "due date %s is before the issue date %s", due,
				   issue);
	}
	check_party(d, &inv->seller, F_S_ID);
	check_party(d, &inv->buyer, F_D_ID);
	if (d->n_problems == 0) {
		/* The model's own rules (field limits, codes): the last word. */
		if (ifgw_invoice_check(inv, "Invoice") != IFGW_OK) {
			ingest_doc_problem(d, F_COUNT_, d->out.line, "%s", ifgw_error_last());
			ifgw_error_clear();
		}
	}
	if (d->ing->pass == PASS_CHECK)
		return check_duplicate(d);
	return IFGW_OK;
}
