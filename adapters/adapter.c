/* adapter.c: the one front end to every adapter (curl's Curl_ssl_*
 * wrappers): look-up by name, capabilities, the partner's environment,
 * encode / decode with the model's checks around them, and the split of
 * long or multi-currency lists into wire-sized messages. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapters/adapter.h"
#include "base/error.h"

int ifgw_adapter_get(const struct ifgw_adapter **out, const char *name)
{
	char have[256];
	size_t i, n = 0;

	IFGW_ASSERT_ARG(out);

	*out = NULL;
	for (i = 0; ifgw_adapters[i]; i++)
		if (name && strcmp(ifgw_adapters[i]->name, name) == 0) {
			*out = ifgw_adapters[i];
			return IFGW_OK;
		}
	have[0] = '\0';
	for (i = 0; ifgw_adapters[i] && n < sizeof(have); i++)
		n += (size_t)snprintf(have + n, sizeof(have) - n, "%s%s", i ? ", " : "", ifgw_adapters[i]->name);
	return ifgw_error_set(IFGW_ENOTFOUND, "no adapter named '%.40s' (this build has: %s)", name ? name : "", have);
}

/* The first occurrence of the n bytes of needle in [p, p + len); NULL when none. */
static const char *find_bytes(const char *p, size_t len, const char *needle, size_t n)
{
	const char *end = p + len, *hit = NULL;

	if (n == 0 || len < n)
		return NULL;
	for (; (size_t)(end - p) >= n; p++)
		if (*p == *needle && memcmp(p, needle, n) == 0) {
			hit = p;
			break;
		}
	return hit;
}

/* The root element's start tag: the first '<' not opening a declaration,
 * processing instruction, comment or DOCTYPE, up to its '>'.  *n = 0 when
 * there is none in the bytes. */
static const char *root_tag(const char *wire, size_t len, size_t *n)
{
	const char *p = wire, *end = wire + len, *gt, *tag = NULL;

	*n = 0;
	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (p + 1 < end && p[1] != '?' && p[1] != '!') {
			gt = memchr(p, '>', (size_t)(end - p));
			if (gt) {
				tag = p;
				*n = (size_t)(gt - p);
			}
			break;
		}
		p++;
	}
	return tag;
}

int ifgw_adapter_probe_ns(const char *wire, size_t len, const char *ns)
{
	size_t ns_len = strlen(ns), tag_len;
	const char *tag;
	int confidence = 0;

	if (!wire || !find_bytes(wire, len, ns, ns_len))
		goto out;
	confidence = IFGW_ADAPTER_PROBE_LIKELY;
	tag = root_tag(wire, len, &tag_len);
	if (tag && find_bytes(tag, tag_len, ns, ns_len))
		confidence = IFGW_ADAPTER_PROBE_SURE;
out:
	return confidence;
}

const struct ifgw_adapter *ifgw_adapter_probe(const char *wire, size_t len)
{
	const struct ifgw_adapter *best = NULL;
	int best_confidence = 0, c;
	size_t i;

	for (i = 0; ifgw_adapters[i]; i++) {
		if (!ifgw_adapters[i]->probe)
			continue;
		c = ifgw_adapters[i]->probe(wire, len);
		if (c > best_confidence) {
			best = ifgw_adapters[i];
			best_confidence = c;
		}
	}
	return best;
}

const char *ifgw_adapter_charset(const struct ifgw_adapter *a, const struct ifgw_country_profile *profile)
{
	return a->fixed_charset ? a->fixed_charset : profile->charset;
}

int ifgw_adapter_carries(const struct ifgw_adapter *a, int msg_type)
{
	if (msg_type <= IFGW_MSG_NONE || msg_type >= IFGW_MSG_TYPE_COUNT_ || msg_type >= 64)
		return 0;
	return (a->capabilities & IFGW_ADAPTER_CAP(msg_type)) != 0;
}

void ifgw_adapter_env_init(struct ifgw_adapter_env *env, const struct ifgw_country_profile *profile)
{
	memset(env, 0, sizeof(*env));
	env->profile = profile;
	env->charset = profile->charset;
	env->allow_translit = profile->allow_translit;
	env->expected_seq = 0;
}

/* "FinancingRequest" -> "financing requests", for messages. */
static void type_words(char *out, size_t size, int type)
{
	const char *name = ifgw_msg_type_name(type);
	size_t n = 0, i;

	if (!name) {
		snprintf(out, size, "messages of type %d", type);
		return;
	}
	for (i = 0; name[i] && n + 4 < size; i++) {
		if (name[i] >= 'A' && name[i] <= 'Z') {
			if (i)
				out[n++] = ' ';
			out[n++] = (char)(name[i] - 'A' + 'a');
		} else {
			out[n++] = name[i];
		}
	}
	if (n && out[n - 1] == 's')
		out[n++] = 'e';
	out[n++] = 's';
	out[n] = '\0';
}

int ifgw_adapter_encode(struct ifgw_buf *out, const struct ifgw_adapter *a, const struct ifgw_msg *m,
			const struct ifgw_adapter_env *env)
{
	char words[64];
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(a);
	IFGW_ASSERT_ARG(m);
	IFGW_ASSERT_ARG(env);

	if (!ifgw_adapter_carries(a, m->hdr.type)) {
		type_words(words, sizeof(words), m->hdr.type);
		return ifgw_error_set(IFGW_EUNSUPPORTED, "%s does not carry %s", a->name, words);
	}
	if ((rc = ifgw_msg_check(m)) != IFGW_OK)
		return rc;
	return a->encode(out, m, env);
}

int ifgw_adapter_decode(struct ifgw_msg **out, const struct ifgw_adapter *a, const char *wire, size_t len,
			const struct ifgw_adapter_env *env)
{
	struct ifgw_msg *m = NULL;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(a);
	IFGW_ASSERT_ARG(wire || !len);
	IFGW_ASSERT_ARG(env);

	*out = NULL;
	if ((rc = a->decode(&m, wire, len, env)) != IFGW_OK)
		return rc;
	if ((rc = ifgw_msg_check(m)) != IFGW_OK) {
		ifgw_msg_free(m);
		return rc;
	}
	*out = m;
	return IFGW_OK;
}

/* --- split */

/* Where a message keeps its item list: the pointer, the count, the size of
 * one item; 0 when its type has none. */
static int item_slot(struct ifgw_msg *m, void ***items, size_t **n, size_t *size)
{
#define SLOT(part)                                                                                                     \
	do {                                                                                                           \
		*items = (void **)&m->body.part.items;                                                                 \
		*n = &m->body.part.n_items;                                                                            \
		*size = sizeof(*m->body.part.items);                                                                   \
	} while (0)
	switch (m->hdr.type) {
	case IFGW_MSG_ASSIGNMENT_BATCH:
		SLOT(batch);
		return 1;
	case IFGW_MSG_ASSIGNMENT_STATUS:
		SLOT(assignment_status);
		return 1;
	case IFGW_MSG_DEBTOR_NOTICE:
		SLOT(debtor_notice);
		return 1;
	case IFGW_MSG_PAYMENT:
	case IFGW_MSG_INDIRECT_PAYMENT:
	case IFGW_MSG_GUARANTEE_PAYMENT:
		SLOT(payment);
		return 1;
	case IFGW_MSG_DISPUTE_NOTICE:
	case IFGW_MSG_DISPUTE_STATUS:
		SLOT(dispute);
		return 1;
	case IFGW_MSG_CHARGEBACK:
		SLOT(chargeback);
		return 1;
	case IFGW_MSG_REMITTANCE:
		SLOT(remittance);
		return 1;
	case IFGW_MSG_FINANCING_REQUEST:
		SLOT(financing_request);
		return 1;
	case IFGW_MSG_FINANCING_STATUS:
		SLOT(financing_status);
		return 1;
	case IFGW_MSG_POSITION_STATEMENT:
		SLOT(position);
		return 1;
	default:
		return 0;
	}
#undef SLOT
}

/* The number that names the list on the wire, suffixed with the part. */
static char *list_number(struct ifgw_msg *m, size_t *size)
{
	switch (m->hdr.type) {
	case IFGW_MSG_ASSIGNMENT_BATCH:
		*size = sizeof(m->body.batch.batch_nr);
		return m->body.batch.batch_nr;
	case IFGW_MSG_PAYMENT:
	case IFGW_MSG_INDIRECT_PAYMENT:
	case IFGW_MSG_GUARANTEE_PAYMENT:
		*size = sizeof(m->body.payment.batch_nr);
		return m->body.payment.batch_nr;
	case IFGW_MSG_CHARGEBACK:
		*size = sizeof(m->body.chargeback.nr);
		return m->body.chargeback.nr;
	case IFGW_MSG_REMITTANCE:
		*size = sizeof(m->body.remittance.remit_nr);
		return m->body.remittance.remit_nr;
	default:
		return NULL;
	}
}

static int suffix(char *field, size_t size, size_t part, const char *what)
{
	char s[24];
	size_t len = strlen(field), sl;

	if (!field[0])
		return IFGW_OK;
	sl = (size_t)snprintf(s, sizeof(s), "-%zu", part);
	/* every limit here is 35 characters; count bytes of ASCII, chars otherwise */
	if (len + sl >= size || IFGW_TEXT_CHARS(size) < len + sl) {
		size_t chars = 0, i;

		for (i = 0; i < len; i++)
			chars += ((unsigned char)field[i] & 0xC0) != 0x80;
		if (len + sl >= size || chars + sl > IFGW_TEXT_CHARS(size))
			return ifgw_error_set(IFGW_EOVERFLOW, "%s '%s%s' would be longer than %zu characters", what,
			                      field, s, (size_t)IFGW_TEXT_CHARS(size));
	}
	memcpy(field + len, s, sl + 1);
	return IFGW_OK;
}

static int cmp_code(const struct ifgw_currency *a, const struct ifgw_currency *b)
{
	return strcmp(a ? a->code : "", b ? b->code : "");
}

/* Item order for the split: grouped by currency in code order, each group
 * in the given order, for a one-currency batch; else as given.  A batch
 * holds at most IFGW_BATCH_CCY_MAX currencies (ifgw_msg_check). */
static void order_items(size_t *order, const struct ifgw_msg *m, size_t n, int by_currency)
{
	const struct ifgw_currency *ccys[IFGW_BATCH_CCY_MAX + 1];
	size_t i, j, k = 0, n_ccy = 0;

	if (!by_currency) {
		for (i = 0; i < n; i++)
			order[i] = i;
		return;
	}
	for (i = 0; i < n; i++) {
		const struct ifgw_currency *c = m->body.batch.items[i].amount.ccy;

		for (j = 0; j < n_ccy && ccys[j] != c; j++)
			;
		if (j == n_ccy && n_ccy < IFGW_BATCH_CCY_MAX + 1) {
			for (j = n_ccy++; j > 0 && cmp_code(ccys[j - 1], c) > 0; j--)
				ccys[j] = ccys[j - 1];
			ccys[j] = c;
		}
	}
	for (j = 0; j < n_ccy; j++)
		for (i = 0; i < n; i++)
			if (m->body.batch.items[i].amount.ccy == ccys[j])
				order[k++] = i;
	for (i = 0; k < n && i < n; i++) { /* beyond the cap (an unchecked message): as given */
		for (j = 0; j < n_ccy && m->body.batch.items[i].amount.ccy != ccys[j]; j++)
			;
		if (j == n_ccy)
			order[k++] = i;
	}
}

int ifgw_adapter_split(struct ifgw_msg ***out, size_t *n_out, const struct ifgw_adapter *a, const struct ifgw_msg *m)
{
	struct ifgw_msg **parts = NULL, *shell = (struct ifgw_msg *)m;
	size_t *order = NULL, n = 0, *np = NULL, size = 0, cap, count = 0, i, k, start;
	void **items_p = NULL;
	int rc = IFGW_OK, by_ccy;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(n_out);
	IFGW_ASSERT_ARG(a);
	IFGW_ASSERT_ARG(m);

	*out = NULL;
	*n_out = 0;
	if (!item_slot(shell, &items_p, &np, &size) || *np == 0) {
		if (!(parts = calloc(1, sizeof(*parts))))
			return ifgw_error_set(IFGW_ENOMEM, "out of memory splitting a message");
		if ((rc = ifgw_msg_dup(&parts[0], m)) != IFGW_OK) {
			free(parts);
			return rc;
		}
		*out = parts;
		*n_out = 1;
		return IFGW_OK;
	}
	n = *np;
	cap = a->max_batch_items ? a->max_batch_items : n;
	by_ccy = a->batch_one_currency && m->hdr.type == IFGW_MSG_ASSIGNMENT_BATCH;
	if (!(order = malloc(n * sizeof(*order))) || !(parts = calloc(n, sizeof(*parts)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "out of memory splitting %zu items", n);
		goto out;
	}
	order_items(order, m, n, by_ccy);
	for (start = 0; start < n; start += k) {
		struct ifgw_msg *p;
		void **p_items;
		size_t *p_n, psize;

		/* the next part: up to cap items, one currency when by_ccy */
		for (k = 1; start + k < n && k < cap; k++)
			if (by_ccy && m->body.batch.items[order[start + k]].amount.ccy !=
			                      m->body.batch.items[order[start]].amount.ccy)
				break;
		if (!(p = malloc(sizeof(*p)))) {
			rc = ifgw_error_set(IFGW_ENOMEM, "out of memory splitting a message");
			goto out;
		}
		memcpy(p, m, sizeof(*p)); /* the body's fixed fields; the list is replaced below */
		item_slot(p, &p_items, &p_n, &psize);
		*p_items = NULL;
		*p_n = 0;
		p->items_cap = 0;
		parts[count++] = p;
		if (!(*p_items = malloc(k * size))) {
			rc = ifgw_error_set(IFGW_ENOMEM, "out of memory for %zu items", k);
			goto out;
		}
		for (i = 0; i < k; i++)
			memcpy((char *)*p_items + i * size, (const char *)*items_p + order[start + i] * size, size);
		*p_n = k;
		p->items_cap = k;
	}
	for (i = 0; i < count && count > 1; i++) {
		struct ifgw_msg *p = parts[i];
		size_t lsize = 0;
		char *lnr = list_number(p, &lsize);
		int had_total = p->hdr.type != IFGW_MSG_FINANCING_REQUEST || p->body.financing_request.total.ccy;

		if (m->hdr.seq + i > IFGW_SEQ_MAX) {
			rc = ifgw_error_set(IFGW_EOVERFLOW, "Header/Sequence: %llu + %zu parts is beyond 15 digits",
			                    (unsigned long long)m->hdr.seq, count);
			goto out;
		}
		p->hdr.seq = m->hdr.seq + i;
		if ((rc = suffix(p->hdr.id, sizeof(p->hdr.id), i + 1, "Header/Id")) != IFGW_OK ||
		    (lnr && (rc = suffix(lnr, lsize, i + 1, "the list number")) != IFGW_OK) ||
		    (rc = ifgw_msg_compute_totals(p)) != IFGW_OK)
			goto out;
		if (!had_total) { /* an optional total stays absent */
			p->body.financing_request.total.ccy = NULL;
			p->body.financing_request.total.minor = 0;
		}
	}
	*out = parts;
	*n_out = count;
	parts = NULL;
out:
	if (parts) {
		for (i = 0; i < count; i++)
			ifgw_msg_free(parts[i]);
		free(parts);
	}
	free(order);
	return rc;
}

int ifgw_adapter_fits(const struct ifgw_adapter *a, const struct ifgw_msg *m)
{
	struct ifgw_msg *shell = (struct ifgw_msg *)m; /* item_slot only reads through it here */
	void **items_p = NULL;
	size_t *np = NULL, size = 0, i;

	if (!item_slot(shell, &items_p, &np, &size) || *np == 0)
		return 1;
	if (a->max_batch_items && *np > a->max_batch_items)
		return 0;
	if (a->batch_one_currency && m->hdr.type == IFGW_MSG_ASSIGNMENT_BATCH)
		for (i = 1; i < *np; i++)
			if (m->body.batch.items[i].amount.ccy != m->body.batch.items[0].amount.ccy)
				return 0;
	return 1;
}
