/* terms.c: the net days a payment-terms text states, when it states them
 * clearly (UBL cac:PaymentTerms/cbc:Note, CII SpecifiedTradePaymentTerms/
 * ram:Description), for a due date the invoice does not give (BT-9).
 *
 * Conservative on purpose: a factor finances up to the due date, so a
 * wrong day is worse than none.  The text states the days when exactly one
 * plain integer 0..999 is followed by a word for days ("30 days", "14
 * Tagen", "30 jours") or preceded by "net"/"netto" ("Net 30"), or states
 * the due date itself when it holds one date DD.MM.YYYY after "bis", "zum"
 * or "am" ("Zahlung bis zum 13.08.2021"); in either case no other plain
 * integer nor another date, and no word that moves the start (end of
 * month, delivery, receipt) or makes the number a discount period (Skonto,
 * discount).  Numbers with separators inside ("120,00", "1234/78/901") are
 * amounts and references: they do not count, unless days follow them
 * ("30/60 days", "1.5 days": no term).  docs/ingest.md lists the words. */
#include "config.h"

#include <string.h>

#include "base/date.h"
#define IFGW_INGEST_INTERNAL
#include "gateway/ingest/ingest_int.h"

/* Longest text looked at: payment terms are a sentence or two. */
#define TERMS_TEXT_MAX 512

/* Words for "days" (English, German, French, Spanish, Italian, Dutch,
 * Scandinavian, Polish), lower case. */
static const char *const day_words[] = {
	"day", "days", "tag", "tage", "tagen", "jour", "jours", "dia", "dias", "d\xC3\xAD" "a", "d\xC3\xAD" "as",
	"giorno", "giorni", "dag", "dagen", "dagar", "dage", "dni", NULL,
};
static const char *const net_words[] = {"net", "netto", "nett", NULL};
/* Words before a date that make it the day payment is due by. */
static const char *const by_words[] = {"bis", "zum", "am", NULL};
/* Words that count the days from something else than the issue date, or
 * make them a discount period. */
static const char *const stop_words[] = {
	"month", "months", "monat", "monats", "monatsende", "mois", "mes", "mese", "maand", "eom", "ultimo",
	"delivery", "lieferung", "receipt", "erhalt", "eingang", "empfang", "livraison", "reception",
	"r\xC3\xA9" "ception", "entrega", "recepci\xC3\xB3n", "consegna", "levering", "shipment", "goods", "ware",
	"skonto", "discount", "rabatt", "escompte", "sconto", "descuento", "korting", NULL,
};

/* What one run of digits (with separators between digits) is. */
enum terms_num {
	NUM_PLAIN,  /* an integer */
	NUM_DATE,   /* DD.MM.YYYY, D/M/YY, YYYY-MM-DD, DD.MM. ... */
	NUM_OTHER,  /* an amount, a reference */
};

struct terms_scan {
	const char *t;
	size_t len;
	int days;       /* the day count, -1: none yet */
	int day_counts; /* integers that are day counts */
	int plain;      /* other integers */
	int dates;      /* dates */
	int32_t due;    /* the one date after a by-word, IFGW_DATE_NONE: none */
	int unclear;    /* a range or decimal of days */
};

static int in_list(const char *w, size_t len, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
			return 1;
	return 0;
}

/* Letters of a word: ASCII letters (lowered by the caller) and any byte of
 * a multi-byte UTF-8 character. */
static int is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || c >= 0x80;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The word right after position i (white space skipped) in list. */
static int word_after(const struct terms_scan *sc, size_t i, const char *const *list)
{
	size_t w;

	while (i < sc->len && is_space(sc->t[i]))
		i++;
	for (w = i; i < sc->len && is_letter((unsigned char)sc->t[i]); i++)
		;
	return in_list(sc->t + w, i - w, list);
}

/* The word right before position i (white space skipped) in list. */
static int word_before(const struct terms_scan *sc, size_t i, const char *const *list)
{
	size_t w;

	while (i > 0 && is_space(sc->t[i - 1]))
		i--;
	for (w = i; w > 0 && is_letter((unsigned char)sc->t[w - 1]); w--)
		;
	return in_list(sc->t + w, i - w, list);
}

static int value(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* One number from t[at] on; returns where it ends.  A date DD.MM.YYYY after
 * a by-word is kept in sc->due. */
static size_t number(struct terms_scan *sc, size_t at)
{
	const char *t = sc->t;
	size_t i = at, start[3] = {0}, n[3] = {0}, parts = 0;
	char sep = 0;
	int kind, mixed = 0, y, m, day;
	int32_t date;

	for (;;) {
		if (parts < 3)
			start[parts] = i;
		while (i < sc->len && is_digit(t[i]))
			i++;
		if (parts < 3)
			n[parts] = i - start[parts];
		parts++;
		if (i + 1 < sc->len && strchr(".,/-", t[i]) && is_digit(t[i + 1])) {
			if (sep && sep != t[i])
				mixed = 1;
			sep = t[i++];
			continue;
		}
		break;
	}
	if (parts == 1)
		kind = NUM_PLAIN;
	else if (!mixed && parts == 3 && sep != ',' &&
		 ((n[0] <= 2 && n[1] <= 2 && (n[2] == 2 || n[2] == 4)) || (sep == '-' && n[0] == 4 && n[1] <= 2 && n[2] <= 2)))
		kind = NUM_DATE;
	else if (!mixed && parts == 2 && sep == '.' && n[0] <= 2 && n[1] <= 2 && i < sc->len && t[i] == '.')
		kind = NUM_DATE; /* "10.05." */
	else
		kind = NUM_OTHER;
	if (kind == NUM_DATE) {
		sc->dates++;
		y = value(t + start[2], n[2]);
		m = value(t + start[1], n[1]);
		day = value(t + start[0], n[0]);
		/* Checked here, so that no error is set for a text that is no term. */
		if (sep == '.' && parts == 3 && n[2] == 4 && word_before(sc, at, by_words) && y >= 1 && m >= 1 &&
		    m <= 12 && day >= 1 && day <= ifgw_date_days_in_month(y, m) &&
		    ifgw_date_from_ymd(&date, y, m, day) == IFGW_OK)
			sc->due = date;
	} else if (word_after(sc, i, day_words) || word_before(sc, at, net_words)) {
		/* Days: a plain integer 0..999 not glued to a percentage, a
		 * code or a time; a range or decimal is no clear term. */
		if (kind == NUM_OTHER || n[0] > 3 || (at > 0 && strchr(":%#=", t[at - 1])) ||
		    (i < sc->len && strchr(":%#=", t[i])))
			sc->unclear = 1;
		else {
			sc->day_counts++;
			sc->days = value(t + at, n[0]);
		}
	} else if (kind == NUM_PLAIN) {
		sc->plain++;
	}
	return i;
}

int ifgw_ingest_terms_days(const char *s, size_t len, int32_t issue_date)
{
	char t[TERMS_TEXT_MAX];
	struct terms_scan sc = {t, len, -1, 0, 0, 0, IFGW_DATE_NONE, 0};
	size_t i, w;
	int days = -1;

	if (len > sizeof(t))
		return -1;
	for (i = 0; i < len; i++)
		t[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	for (i = 0; i < len;) {
		if (is_digit(t[i])) {
			i = number(&sc, i);
		} else if (is_letter((unsigned char)t[i])) {
			w = i;
			while (i < len && is_letter((unsigned char)t[i]))
				i++;
			if (in_list(t + w, i - w, stop_words))
				return -1;
		} else {
			i++;
		}
	}
	if (sc.unclear || sc.plain)
		return -1;
	if (sc.day_counts == 1 && sc.dates == 0)
		days = sc.days;
	else if (sc.day_counts == 0 && sc.dates == 1 && sc.due != IFGW_DATE_NONE && issue_date != IFGW_DATE_NONE &&
		 sc.due >= issue_date && sc.due - issue_date <= 999)
		days = (int)(sc.due - issue_date);
	return days;
}
