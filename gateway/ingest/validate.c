/* validate.c: the checks that need a whole document (required fields,
 * signs, dates, registration and VAT numbers, the model's own check) and
 * the index of document numbers that finds duplicates across files. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapters/country.h"
#include "base/date.h"
#include "model/codes.h"
#define IFGW_INGEST_INTERNAL
#include "gateway/ingest/ingest_int.h"

/* --- duplicate index: one entry per document, keyed by document type and
 * number (open addressing); each entry points at its seller's identifiers,
 * interned in one capped buffer because files repeat the same sellers. */

#define DUP_KEYS_MAX (256u << 20)

struct dup_entry {
	uint64_t hash;     /* of type + number; 0: empty slot */
	uint32_t num_off;  /* the number in keys */
	uint32_t num_len;
	uint32_t seller;   /* the seller record in keys: "CC\0reg\0vat\0id\0" */
	uint32_t file;
	unsigned line;
	int doc_type;
};

struct ingest_dup {
	struct dup_entry *tab;
	size_t cap; /* a power of two */
	size_t n;
	struct ifgw_buf keys;
	uint32_t last_seller; /* the last seller record added, reused while it repeats */
	size_t last_seller_len;
};

int ifgw_ingest_dup_new(struct ingest_dup **out)
{
	struct ingest_dup *x = calloc(1, sizeof(*x));

	*out = NULL;
	if (!x)
		return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
	x->cap = 4096;
	x->tab = calloc(x->cap, sizeof(*x->tab));
	if (!x->tab) {
		free(x);
		return ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
	}
	ifgw_buf_init(&x->keys, DUP_KEYS_MAX);
	*out = x;
	return IFGW_OK;
}

void ifgw_ingest_dup_free(struct ingest_dup *x)
{
	if (!x)
		return;
	free(x->tab);
	ifgw_buf_free(&x->keys);
	free(x);
}

/* Eight bytes a step (byte-wise FNV was a tenth of the CSV path). */
static uint64_t hash_key(const char *s, size_t n)
{
	uint64_t h = UINT64_C(0x9E3779B97F4A7C15) ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * UINT64_C(0xBF58476D1CE4E5B9);
		h ^= h >> 31;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * UINT64_C(0x94D049BB133111EB);
	h ^= h >> 29;
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

/* The seller record of rec (rlen bytes) in keys, added unless it is the
 * last one added. */
static int intern_seller(struct ingest_dup *x, uint32_t *off, const char *rec, size_t rlen)
{
	int rc;

	if (x->last_seller_len == rlen && memcmp(x->keys.ptr + x->last_seller, rec, rlen) == 0) {
		*off = x->last_seller;
		return IFGW_OK;
	}
	*off = (uint32_t)x->keys.len;
	if ((rc = ifgw_buf_add(&x->keys, rec, rlen)) != IFGW_OK)
		return rc;
	x->last_seller = *off;
	x->last_seller_len = rlen;
	return IFGW_OK;
}

/* Same seller: same country and one identifier in common.  Sets *which to
 * the identifier that matched (0 reg, 1 VAT, 2 id). */
static int same_seller(const char *a, const char *b, int *which)
{
	const char *pa, *pb;
	int i;

	if (strcmp(a, b) != 0) /* country */
		return 0;
	pa = a + strlen(a) + 1;
	pb = b + strlen(b) + 1;
	for (i = 0; i < 3; i++) {
		if (*pa && strcmp(pa, pb) == 0) {
			*which = i;
			return 1;
		}
		pa += strlen(pa) + 1;
		pb += strlen(pb) + 1;
	}
	return 0;
}

/* The same document (type and number, as the model tells documents apart)
 * for the same seller, seen before?  The seller is known by each of its
 * identifiers (registration number, VAT number, factor-known id), so two
 * files naming it differently still meet when both carry one of them. */
static int check_duplicate(struct ingest_doc *d)
{
	struct ingest_dup *x = d->ing->dups;
	const struct ifgw_invoice *inv = &d->out.inv;
	const struct ifgw_party *s = &inv->seller;
	char key[8 + IFGW_ID_SIZE], rec[8 + 3 * IFGW_ID_SIZE];
	size_t nlen = strlen(inv->number), klen, rlen = 0, j;
	uint32_t seller;
	uint64_t h;
	int rc, which;

	if (!(d->present & F_BIT(F_NUMBER)) || (d->bad & F_BIT(F_NUMBER)) || !inv->number[0] || !s->country[0])
		return IFGW_OK;
	key[0] = (char)('0' + inv->doc_type);
	memcpy(key + 1, inv->number, nlen);
	klen = nlen + 1;
	/* The seller record: a refused identifier counts as absent. */
	memcpy(rec, s->country, 3);
	rlen = 3;
#define ADD_ID(field, f)                                                                                   \
	do {                                                                                               \
		size_t l_ = (d->bad & F_BIT(f)) ? 0 : strlen(field);                                       \
		memcpy(rec + rlen, field, l_);                                                             \
		rec[rlen + l_] = 0;                                                                        \
		rlen += l_ + 1;                                                                            \
	} while (0)
	ADD_ID(s->reg_nr, F_S_REG);
	ADD_ID(s->vat_nr, F_S_VAT);
	ADD_ID(s->nr, F_S_ID);
#undef ADD_ID
	h = hash_key(key, klen);
	for (j = h & (x->cap - 1); x->tab[j].hash; j = (j + 1) & (x->cap - 1)) {
		const struct dup_entry *e = &x->tab[j];

		if (e->hash == h && e->num_len == nlen && e->doc_type == inv->doc_type &&
		    memcmp(x->keys.ptr + e->num_off, inv->number, nlen) == 0 &&
		    same_seller(x->keys.ptr + e->seller, rec, &which)) {
			const char *ids[] = {s->reg_nr, s->vat_nr, s->nr};

			ifgw_ingest_doc_problem(d, F_NUMBER, d->lines[F_NUMBER],
					   "duplicate %s number '%s' for the seller %s %s (first at %s:%u)",
					   inv->doc_type == IFGW_DOC_CREDIT_NOTE ? "credit note" : "invoice", inv->number,
					   s->country, ids[which], d->ing->files[e->file].name, e->line);
			return IFGW_OK; /* the first stays the one to point at */
		}
	}
	if ((x->n + 1) * 4 > x->cap * 3) { /* keep the load under 3/4 */
		if ((rc = dup_grow(x)) != IFGW_OK)
			return rc;
		for (j = h & (x->cap - 1); x->tab[j].hash; j = (j + 1) & (x->cap - 1))
			;
	}
	if ((rc = intern_seller(x, &seller, rec, rlen)) != IFGW_OK)
		return rc;
	x->tab[j].num_off = (uint32_t)x->keys.len;
	if ((rc = ifgw_buf_add(&x->keys, inv->number, nlen)) != IFGW_OK)
		return rc;
	x->tab[j].hash = h;
	x->tab[j].num_len = (uint32_t)nlen;
	x->tab[j].seller = seller;
	x->tab[j].file = (uint32_t)d->ing->file_index;
	x->tab[j].line = d->out.line;
	x->tab[j].doc_type = inv->doc_type;
	x->n++;
	return IFGW_OK;
}

/* --- registration and VAT numbers */

/* Invoice files repeat the same few parties: the last numbers checked are
 * kept (direct-mapped on a hash of country, kind and text), so that each
 * is checked and normalised once, not once a document. */
#define REGNO_SLOTS 256

struct regno_slot {
	char key[12 + IFGW_ID_SIZE]; /* 'R'|'V', country, scheme, '|', text; "" when empty */
	char norm[IFGW_REGNO_MAX];
};

struct ingest_regno {
	struct regno_slot slot[REGNO_SLOTS];
};

int ifgw_ingest_regno_new(struct ingest_regno **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? IFGW_OK : ifgw_error_set(IFGW_ENOMEM, "ingest: out of memory");
}

void ifgw_ingest_regno_free(struct ingest_regno *x)
{
	free(x);
}

static struct regno_slot *regno_slot(struct ingest_regno *x, const char *key, size_t len)
{
	return &x->slot[hash_key(key, len) % REGNO_SLOTS];
}

/* The EN 16931 business term of a party identifier field. */
static const char *business_term(int f)
{
	switch (f) {
	case F_S_ID:
		return "BT-29";
	case F_S_REG:
		return "BT-30";
	case F_S_VAT:
		return "BT-31";
	case F_D_ID:
		return "BT-46";
	case F_D_REG:
		return "BT-47";
	case F_D_VAT:
		return "BT-48";
	default:
		return "";
	}
}

/* Note an identifier accepted without a check of ours: "field: note"
 * appended to the notes text (cut when it is full), and one entry with its
 * business term and scheme (the label shown for it, see
 * struct ifgw_ingest_note). */
static void add_note(struct ingest_doc *d, int f, const char *scheme, const char *note)
{
	struct ifgw_ingest_note *e;
	char *notes = d->out.notes;
	size_t n = strlen(notes);
	const char *name = d->names[f] ? d->names[f] : "";

	snprintf(notes + n, sizeof(d->out.notes) - n, "%s%s%s: %s", n ? "; " : "", d->prefix, name, note);
	if (d->out.n_notes < IFGW_INGEST_NOTES_MAX) { /* always: one note per identifier field at most */
		e = &d->out.note[d->out.n_notes++];
		e->bt = business_term(f);
		e->line = d->lines[f] ? d->lines[f] : d->out.line;
		snprintf(e->field, sizeof(e->field), "%s%s", d->prefix, name);
		snprintf(e->scheme, sizeof(e->scheme), "%s", scheme);
		snprintf(e->text, sizeof(e->text), "%s", note);
	}
}

/* The scheme label of a VAT number: "VAT" and its two-letter prefix. */
static void vat_scheme(char *dst, size_t size, const char *value)
{
	const char *v = value;

	while (*v == ' ' || *v == '\t')
		v++;
	if (((v[0] | 0x20) >= 'a' && (v[0] | 0x20) <= 'z') && ((v[1] | 0x20) >= 'a' && (v[1] | 0x20) <= 'z'))
		snprintf(dst, size, "VAT %c%c", v[0] & ~0x20, v[1] & ~0x20);
	else
		snprintf(dst, size, "VAT");
}

/* Check and normalise one number: a registration id by its scheme (or the
 * party's country when it has none), a VAT number by its own prefix
 * (adapters/country.h, ifgw_party_check_*).  What no rule of ours checks is
 * kept as given, with a note. */
static void check_number(struct ingest_doc *d, int f, char *value, size_t size, const char *country,
			 const char *scheme, int vat)
{
	char key[12 + IFGW_ID_SIZE];
	struct ifgw_party_id id;
	struct regno_slot *slot;
	struct ifgw_error kept;
	size_t vlen, klen;
	int rc;

	if (!value[0] || (d->bad & F_BIT(f)) || !country[0])
		return;
	vlen = strlen(value);
	klen = (size_t)snprintf(key, sizeof(key), "%c%.2s%.7s|%s", vat ? 'V' : 'R', country, scheme, value);
	if (klen >= sizeof(key))
		return; /* cannot happen: value is an ID field */
	slot = regno_slot(d->ing->regnos, key, klen);
	if (strcmp(slot->key, key) == 0) { /* checked before: the same result */
		if (strlen(slot->norm) < size)
			memcpy(value, slot->norm, strlen(slot->norm) + 1);
		return;
	}
	ifgw_error_save(&kept); /* the profile's refusal becomes the document's problem */
	rc = vat ? ifgw_party_check_vat_id(&id, country, value, vlen)
		 : ifgw_party_check_legal_id(&id, scheme, country, value, vlen);
	if (rc != IFGW_OK) {
		d->bad |= F_BIT(f);
		ifgw_ingest_doc_problem_err(d, f, d->lines[f]);
	}
	ifgw_error_restore(&kept);
	if (rc != IFGW_OK)
		return;
	if (!id.checked) {
		char label[16];

		if (vat)
			vat_scheme(label, sizeof(label), value);
		else
			snprintf(label, sizeof(label), "%s", scheme[0] ? scheme : "none");
		add_note(d, f, label, id.note);
		return;
	}
	memcpy(slot->key, key, klen + 1);
	memcpy(slot->norm, id.normalized, strlen(id.normalized) + 1);
	if (strlen(id.normalized) < size)
		memcpy(value, id.normalized, strlen(id.normalized) + 1);
}

static void check_party(struct ingest_doc *d, struct ifgw_party *p, int base)
{
	const char *scheme = d->reg_scheme[base == F_S_ID ? 0 : 1];
	const char *id_scheme = d->id_scheme[base == F_S_ID ? 0 : 1];

	/* The party identifier (BT-29, BT-46) by its scheme when it names one;
	 * without one it is the party's own number (at the buyer, at the
	 * factor), which no register issues: kept as given. */
	if (id_scheme[0])
		check_number(d, base, p->nr, sizeof(p->nr), p->country, id_scheme, 0);
	/* A refused scheme (CSV) is the problem; no check under another rule. */
	if (!(d->bad & F_BIT(base + (F_S_REG_SCHEME - F_S_ID))))
		check_number(d, base + (F_S_REG - F_S_ID), p->reg_nr, sizeof(p->reg_nr), p->country, scheme, 0);
	check_number(d, base + (F_S_VAT - F_S_ID), p->vat_nr, sizeof(p->vat_nr), p->country, "", 1);
}

static void check_sign(struct ingest_doc *d, int f, const struct ifgw_money *m)
{
	if (!m->ccy || m->minor >= 0)
		return;
	d->bad |= F_BIT(f);
	if (d->out.inv.doc_type == IFGW_DOC_CREDIT_NOTE)
		ifgw_ingest_doc_problem(d, f, d->lines[f], "negative amount: a credit note carries a positive amount "
						      "(the document type gives the sign)");
	else
		ifgw_ingest_doc_problem(d, f, d->lines[f], "negative amount on an invoice (send a credit note with a "
						      "positive amount instead)");
}

/* An invoice without a due date (BT-9 is optional in EN 16931, a factor
 * needs one): the issue date plus the days its payment terms state (the
 * CSV net_days column, or the XML terms text, terms.c), else plus the
 * options' default term.  1 when it can be derived (the issue date's own
 * problem speaks when that is missing), 0 when nothing states a term. */
static int derive_due(struct ingest_doc *d)
{
	struct ifgw_invoice *inv = &d->out.inv;
	int days = -1, from = IFGW_INGEST_DUE_TERMS;

	if ((d->present & F_BIT(F_NET_DAYS)) && !(d->bad & F_BIT(F_NET_DAYS)))
		days = inv->terms.net_days;
	else if (d->terms_days >= 0)
		days = d->terms_days;
	else if (d->ing->opts.default_term_days > 0) {
		days = d->ing->opts.default_term_days;
		from = IFGW_INGEST_DUE_DEFAULT;
	}
	if (days < 0)
		return 0;
	if (inv->issue_date != IFGW_DATE_NONE) {
		inv->due_date = inv->issue_date + days;
		d->out.due_from = from;
		d->out.due_days = days;
	}
	return 1;
}

/* No due date given: a credit note is due when it is issued unless it says
 * otherwise; an invoice's is derived, or it is a problem. */
static void due_date_absent(struct ingest_doc *d)
{
	struct ifgw_invoice *inv = &d->out.inv;

	if (inv->doc_type == IFGW_DOC_CREDIT_NOTE) {
		inv->due_date = inv->issue_date;
		d->out.due_from = IFGW_INGEST_DUE_ISSUE;
	} else if (!derive_due(d)) {
		ifgw_ingest_doc_problem(d, F_DUE_DATE, d->out.line,
					"missing (an invoice needs a due date): add one, payment terms that state the "
					"days (\"30 days\", \"Net 30\"), or a default term (--default-term DAYS, or "
					"DefaultTerm in the node's configuration)");
	}
}

int ifgw_ingest_validate(struct ingest_doc *d)
{
	static const int required[] = {F_DOC_TYPE, F_NUMBER, F_ISSUE_DATE, F_CURRENCY, F_AMOUNT,
				       F_S_NAME,   F_S_COUNTRY, F_D_NAME,  F_D_COUNTRY};
	struct ifgw_invoice *inv = &d->out.inv;
	size_t i;

	if (d->trusted) {
		/* Pass 2 of a document that passed: only what changes values. */
		if (!(d->present & F_BIT(F_DUE_DATE)))
			due_date_absent(d); /* derived again, as in pass 1 */
		check_party(d, &inv->seller, F_S_ID);
		check_party(d, &inv->buyer, F_D_ID);
		return IFGW_OK;
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!(d->present & F_BIT(required[i])))
			ifgw_ingest_doc_problem(d, required[i], d->out.line, "missing");
	if (!(d->present & F_BIT(F_DUE_DATE)))
		due_date_absent(d);
	if (!(d->present & (F_BIT(F_S_REG) | F_BIT(F_S_VAT) | F_BIT(F_S_ID))))
		ifgw_ingest_doc_problem(d, F_S_REG, d->out.line,
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
		ifgw_ingest_doc_problem(d, F_DUE_DATE, d->lines[F_DUE_DATE], "due date %s is before the issue date %s", due,
				   issue);
	}
	check_party(d, &inv->seller, F_S_ID);
	check_party(d, &inv->buyer, F_D_ID);
	if (d->n_problems == 0) {
		/* The model's own rules (field limits, codes): the last word. */
		struct ifgw_error kept;

		ifgw_error_save(&kept); /* the model's refusal becomes the document's problem */
		if (ifgw_invoice_check(inv, "Invoice") != IFGW_OK)
			ifgw_ingest_doc_problem(d, F_COUNT_, d->out.line, "%s", ifgw_error_last());
		ifgw_error_restore(&kept);
	}
	if (d->ing->pass == PASS_CHECK)
		return check_duplicate(d);
	return IFGW_OK;
}
