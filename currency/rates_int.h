/* rates_int.h: what the rate-file parsers share with rates.c; not public.
 *
 * A parser feeds a builder: it names the currencies (ifgw_rates_builder_currency),
 * opens each publication date (..._date) and adds that date's rates
 * (..._rate).  The builder checks every value as it arrives, so that the
 * error names the line, and turns the lot into a rate set at the end. */
#ifndef IFGW_CURRENCY_RATES_INT_H
#define IFGW_CURRENCY_RATES_INT_H

#ifndef IFGW_RATES_INTERNAL
#error "rates_int.h is private to currency/rates*.c: use currency/rates.h"
#endif

#include <stddef.h>
#include <stdint.h>

#include "currency/iso4217.h"
#include "currency/rates.h"

#define IFGW_RATES_CODE_SLOTS (26 * 26 * 26) /* one slot per possible "AAA".."ZZZ" */
#define IFGW_RATES_QUOTE_SIZE 44                /* 40 bytes of quoted input, "...", NUL */

struct ifgw_rates_cell_in { /* one rate as read, before the set is built */
	int64_t value;
	uint16_t col;
	uint8_t scale;
};

struct ifgw_rates_date_in { /* one publication date as read */
	int32_t date;
	uint32_t line;
	size_t first_cell; /* its rates are cells[first_cell .. first_cell + ncells) */
	size_t ncells;
};

struct ifgw_rates_builder {
	const char *name;   /* for messages */
	int32_t min_date;   /* 1999-01-04 */
	int32_t max_date;   /* today */
	struct ifgw_rates_date_in *dates;
	size_t ndates, dates_cap;
	struct ifgw_rates_cell_in *cells;
	size_t ncells, cells_cap;
	uint32_t *seen_line; /* per day from min_date: line of the date's first appearance, 0 = none */
	const struct ifgw_currency *cols[IFGW_RATESET_MAX_CURRENCIES];
	size_t ncols;
	uint32_t col_stamp[IFGW_RATESET_MAX_CURRENCIES]; /* ndates when the column was last set: one rate a day */
	int16_t col_of[IFGW_RATES_CODE_SLOTS];          /* code -> column, -1 = not seen */
	int skipping;        /* the open date is after max_date: its rates are read, not kept */
	size_t nfuture;      /* publications after max_date, ignored */
};

/* Slot of a three-letter upper-case code, or -1. */
static inline int ifgw_rates_code_slot(const char *code)
{
	unsigned a = (unsigned char)code[0] - 'A', b = (unsigned char)code[1] - 'A', c = (unsigned char)code[2] - 'A';

	if (a >= 26 || b >= 26 || c >= 26)
		return -1;
	return (int)((a * 26 + b) * 26 + c);
}

/* At most 40 bytes of untrusted text for a message, unprintables as '?'. */
const char *ifgw_rates_quote(char out[IFGW_RATES_QUOTE_SIZE], const char *s, size_t len);

int ifgw_rates_builder_init(struct ifgw_rates_builder *b, const char *name);
void ifgw_rates_builder_free(struct ifgw_rates_builder *b);

/* Column of the currency named by len bytes of text (interned on first use);
 * IFGW_ENOTFOUND when not ISO 4217, IFGW_EINVAL for EUR or a bad code. */
int ifgw_rates_builder_currency(size_t *col, struct ifgw_rates_builder *b, const char *code, size_t len,
				uint32_t line);

/* Open a publication date given as text (YYYY-MM-DD) or as a day number. */
int ifgw_rates_builder_date_text(struct ifgw_rates_builder *b, const char *text, size_t len, uint32_t line);
int ifgw_rates_builder_date(struct ifgw_rates_builder *b, int32_t date, uint32_t line);

/* Add the open date's rate for column col, given as text. */
int ifgw_rates_builder_rate(struct ifgw_rates_builder *b, size_t col, const char *text, size_t len, uint32_t line);

/* Build the set; IFGW_EPARSE when there are no dates.  Takes nothing from b. */
int ifgw_rates_builder_finish(struct ifgw_rateset **out, struct ifgw_rates_builder *b);

/* The parsers: feed b from len bytes of a document. */
int ifgw_rates_parse_xml(struct ifgw_rates_builder *b, const char *data, size_t len);
int ifgw_rates_parse_csv(struct ifgw_rates_builder *b, const char *data, size_t len);

#endif
