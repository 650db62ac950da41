/* terms.c: the net days a payment-terms text states, when it states them
 * clearly (UBL cac:PaymentTerms/cbc:Note, CII SpecifiedTradePaymentTerms/
 * ram:Description), for a due date the invoice does not give (BT-9).
 *
 * Conservative on purpose: a factor finances up to the due date, so a
 * wrong day is worse than none.  The text must hold exactly one number, a
 * plain integer 0..999, followed by a word for days ("30 days", "14 Tagen",
 * "30 jours") or preceded by "net"/"netto" ("Net 30"); and no word that
 * moves the start (end of month, delivery, receipt) or makes the number a
 * discount period (Skonto, discount).  docs/ingest.md lists the words. */
#include "config.h"

#include <string.h>

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
/* Words that count the days from something else than the issue date, or
 * make them a discount period. */
static const char *const stop_words[] = {
	"month", "months", "monat", "monats", "monatsende", "mois", "mes", "mese", "maand", "eom", "ultimo",
	"delivery", "lieferung", "receipt", "erhalt", "eingang", "empfang", "livraison", "reception",
	"r\xC3\xA9" "ception", "entrega", "recepci\xC3\xB3n", "consegna", "levering", "shipment", "goods", "ware",
	"skonto", "discount", "rabatt", "escompte", "sconto", "descuento", "korting", NULL,
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

int ifgw_ingest_terms_days(const char *s, size_t len)
{
	char t[TERMS_TEXT_MAX];
	size_t i, w, num_at = 0, num_len = 0, runs = 0;
	int days = -1, after = 0, before = 0;

	if (len > sizeof(t))
		return -1;
	for (i = 0; i < len; i++)
		t[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	/* The one number, and no stop word. */
	for (i = 0; i < len;) {
		if (t[i] >= '0' && t[i] <= '9') {
			num_at = i;
			while (i < len && t[i] >= '0' && t[i] <= '9')
				i++;
			num_len = i - num_at;
			runs++;
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
	if (runs != 1 || num_len > 3)
		return -1;
	/* A plain integer: not part of a decimal, a date, a percentage, a range. */
	if ((num_at > 0 && strchr(".,/-:%#=", t[num_at - 1])) ||
	    (num_at + num_len < len && strchr(".,/-:%#=", t[num_at + num_len])))
		return -1;
	/* The word after it: days. */
	for (i = num_at + num_len; i < len && t[i] == ' '; i++)
		;
	for (w = i; i < len && is_letter((unsigned char)t[i]); i++)
		;
	after = in_list(t + w, i - w, day_words);
	/* The word before it: net. */
	for (i = num_at; i > 0 && t[i - 1] == ' '; i--)
		;
	for (w = i; w > 0 && is_letter((unsigned char)t[w - 1]); w--)
		;
	before = in_list(t + w, i - w, net_words);
	if (after || before) {
		days = 0;
		for (i = num_at; i < num_at + num_len; i++)
			days = days * 10 + (t[i] - '0');
	}
	return days;
}
