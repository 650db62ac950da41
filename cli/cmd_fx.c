/* cmd_fx.c: ifgw fx convert | rates | fetch — exact conversions with ECB reference rates.
 *
 * Which rates file: --rates FILE, else the user's fetched copy
 * ($XDG_DATA_HOME/ifgw/eurofxref, default ~/.local/share/ifgw/eurofxref) if
 * it exists, else the shipped history (currency/data/eurofxref-hist.csv).
 *
 * Which date: --date D, else today (ifgw_clock_today).  When neither --date
 * nor --max-age is given and the file's latest publication is older than the
 * staleness limit (the shipped file ends on the day it was copied), the
 * latest publication is used and a one-line note on stderr says so; the
 * output always carries the rate date.  With --date or --max-age the limit is
 * enforced: stale rates are an error, never used silently. */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/datadir.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "currency/convert.h"
#include "currency/iso4217.h"
#include "currency/money.h"
#include "currency/rates.h"
#include "currency/rates_source.h"
#include "gateway/net/rates_download.h"
#include "cli/cli.h"

/* Longest --max-age accepted: a century of days. */
#define MAX_AGE_LIMIT 36500
/* Significant digits of the cross rate shown beside a conversion (display only). */
#define CROSS_RATE_DIGITS 10
#define CROSS_RATE_STRLEN 96
#define PATH_MAX_LEN 4096

/* ---- helpers shared by the subcommands ---- */

/* Put "<prefix>: " in front of the pending message, keeping its code. */
static int error_prefix(const char *prefix)
{
	return ifgw_error_wrap(ifgw_error_code(), "%s", prefix);
}

/* What --date and --max-age say; the rule is currency/rates_source.h's. */
struct as_of_choice {
	const char *date_text; /* --date, or NULL */
	struct ifgw_rates_as_of rule;
};

static void as_of_init(struct as_of_choice *c)
{
	c->date_text = NULL;
	ifgw_rates_as_of_init(&c->rule);
}

/* Check --date (exists, not in the future, not before the ECB's first day). */
static int check_date(struct as_of_choice *c)
{
	char msg[IFGW_ERROR_MAX];
	int rc;

	if (c->date_text) {
		if (ifgw_date_parse(&c->rule.date, c->date_text, strlen(c->date_text)) != IFGW_OK)
			return error_prefix("--date");
		c->rule.has_date = 1;
	}
	if ((rc = ifgw_rates_as_of_check(&c->rule)) != IFGW_OK) {
		/* "--date 2027-01-01 is in the future ...": the option, then the library's reason */
		snprintf(msg, sizeof(msg), "%s", ifgw_error_last());
		ifgw_error_clear();
		rc = ifgw_error_set(rc, "--date %s", msg);
	}
	return rc;
}

static void note_fallback(const char *what, const struct as_of_choice *ch, const struct ifgw_rateset *rs)
{
	const struct ifgw_rates_as_of *c = &ch->rule;
	char t[IFGW_DATE_STRLEN], l[IFGW_DATE_STRLEN];

	if (!c->fell_back)
		return;
	ifgw_date_format(c->today, t);
	ifgw_date_format(c->as_of, l);
	fprintf(stderr,
		"ifgw %s: note: %s ends %s, %ld days before today (%s); using its latest rates "
		"(give --date, or run 'ifgw fx fetch URL' for newer ones)\n",
		what, ifgw_rateset_source(rs), l, (long)(c->today - c->as_of), t);
}

/* num / den to CROSS_RATE_DIGITS significant digits, half-even, trailing
 * zeros dropped.  Display only: conversions use the exact ECB rates.  Values
 * are < 10^12 and scales <= 12, so every intermediate fits in 128 bits. */
static void cross_rate(char out[CROSS_RATE_STRLEN], const struct ifgw_rate *num, const struct ifgw_rate *den)
{
	unsigned __int128 n = (unsigned __int128)num->value, d = (unsigned __int128)den->value, q, r, tmp;
	char digits[CROSS_RATE_STRLEN];
	int i, k = 0, nd = 0, len, pos = 0;

	for (i = 0; i < den->scale; i++)
		n *= 10;
	for (i = 0; i < num->scale; i++)
		d *= 10;
	q = n / d;
	r = n % d;
	if (q > 0) {
		for (tmp = q; tmp > 0; tmp /= 10)
			nd++;
		k = nd < CROSS_RATE_DIGITS ? CROSS_RATE_DIGITS - nd : 0;
	} else {
		for (tmp = r; tmp > 0 && tmp * 10 < d; tmp *= 10)
			k++; /* zeros right after the point */
		k += CROSS_RATE_DIGITS;
	}
	for (i = 0; i < k; i++) {
		r *= 10;
		q = q * 10 + r / d;
		r %= d;
	}
	if (2 * r > d || (2 * r == d && (q & 1)))
		q++;
	/* q with k decimals */
	len = 0;
	do {
		digits[len++] = (char)('0' + (int)(q % 10));
		q /= 10;
	} while (q > 0 || len <= k);
	while (len > 0 && pos < CROSS_RATE_STRLEN - 2) {
		out[pos++] = digits[--len];
		if (len == k && k > 0)
			out[pos++] = '.';
	}
	out[pos] = '\0';
	if (k > 0) {
		while (pos > 0 && out[pos - 1] == '0')
			out[--pos] = '\0';
		if (pos > 0 && out[pos - 1] == '.')
			out[--pos] = '\0';
	}
}

/* A cross rate refused for want of one publication with both rates, when
 * each has a rate of its own: say how to combine them. */
static void hint_mixed(const struct ifgw_rateset *rs, const struct ifgw_money *amount, const struct ifgw_currency *to,
		       const struct as_of_choice *when, const struct ifgw_convert_options *copt)
{
	struct ifgw_error cause, scratch;
	int both;

	if (copt->allow_mixed_dates || ifgw_error_code() != IFGW_ENOTFOUND || strcmp(amount->ccy->code, "EUR") == 0 ||
	    strcmp(to->code, "EUR") == 0)
		return;
	ifgw_error_save(&cause);
	both = ifgw_rateset_lookup(NULL, NULL, rs, amount->ccy, when->rule.as_of, IFGW_RATES_MAX_AGE_NONE) == IFGW_OK &&
	       ifgw_rateset_lookup(NULL, NULL, rs, to, when->rule.as_of, IFGW_RATES_MAX_AGE_NONE) == IFGW_OK;
	ifgw_error_save(&scratch); /* a failed probe's message is not the user's error */
	if (both)
		ifgw_error_set(cause.code, "%s; --allow-mixed-dates takes each rate from its own latest publication",
			       cause.message);
	else
		ifgw_error_restore(&cause);
}

/* ---- ifgw fx convert ---- */

static void convert_usage(FILE *f)
{
	fprintf(f,
		"usage: ifgw fx convert [--rates FILE] [--date YYYY-MM-DD] [--max-age DAYS]\n"
		"                       [--rounding half-even|half-up|toward-zero] [--allow-mixed-dates]\n"
		"                       AMOUNT FROM TO\n\n"
		"Convert AMOUNT of currency FROM into TO with the ECB euro reference rates,\n"
		"exactly, with one rounding at the end.  Prints one line:\n"
		"  RESULT TO rate-date YYYY-MM-DD rate FROM/TO R [EUR/FROM X] [EUR/TO Y]\n"
		"e.g. '11344 JPY rate-date 1999-01-04 rate USD/JPY 113.4362541 EUR/USD 1.1789 EUR/JPY 133.73'.\n"
		"R is shown to %d significant digits; the EUR/... fields are the exact ECB rates used.\n"
		"Put '--' before a negative AMOUNT: ifgw fx convert -- -100.00 USD JPY\n\n"
		"  --rates FILE     ECB XML or CSV rates file (default: the fetched copy in\n"
		"                   $XDG_DATA_HOME/ifgw/eurofxref if present, else the shipped history)\n"
		"  --date D         rates as of D: the latest publication on or before D (default today)\n"
		"  --max-age DAYS   refuse a publication more than DAYS before D (default %d;\n"
		"                   'none': any age)\n"
		"  --rounding MODE  half-even (default), half-up or toward-zero\n"
		"  --allow-mixed-dates\n"
		"                   between two non-euro currencies, take each rate from its own\n"
		"                   latest publication when one is missing from the latest (by\n"
		"                   default both come from one publication); each EUR/... rate\n"
		"                   is then followed by its date in parentheses\n"
		"  --help           this text\n\n"
		"Without --date and --max-age, when the file ends more than %d days before today,\n"
		"its latest publication is used and a note on stderr says so.\n",
		CROSS_RATE_DIGITS, IFGW_RATES_MAX_AGE_DEFAULT, IFGW_RATES_MAX_AGE_DEFAULT);
}

enum { OPT_RATES = 1, OPT_DATE, OPT_MAX_AGE, OPT_ROUNDING, OPT_HELP, OPT_OUT, OPT_CACERT, OPT_TIMEOUT,
       OPT_CONNECT_TIMEOUT, OPT_MAX_SIZE, OPT_MIXED, OPT_FORCE };

/* Common to the option loops: an unknown option, or a missing value. */
static enum ifgw_exit bad_option(const char *what, char **argv)
{
	if (optopt >= '0' && optopt <= '9')
		return ifgw_cli_usage_error(what, "a negative amount needs '--' before it (ifgw %s -- -100.00 USD JPY)",
					    what);
	return ifgw_cli_bad_option(what, argv, OPT_FORCE);
}

static enum ifgw_exit parse_max_age(struct as_of_choice *c, const char *what, const char *text)
{
	long v;

	if (strcmp(text, "none") == 0)
		v = IFGW_RATES_MAX_AGE_NONE;
	else if (ifgw_cli_parse_long(&v, text, 0, MAX_AGE_LIMIT) != 0)
		return ifgw_cli_usage_error(what, "--max-age '%s' is not a number of days in 0..%d or 'none'", text,
					    MAX_AGE_LIMIT);
	c->rule.max_age = (int32_t)v;
	c->rule.max_age_given = 1;
	return IFGW_EXIT_OK;
}

static enum ifgw_exit fx_convert(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"rates", required_argument, NULL, OPT_RATES},
		{"date", required_argument, NULL, OPT_DATE},
		{"max-age", required_argument, NULL, OPT_MAX_AGE},
		{"rounding", required_argument, NULL, OPT_ROUNDING},
		{"allow-mixed-dates", no_argument, NULL, OPT_MIXED},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *what = "fx convert";
	struct as_of_choice when;
	struct ifgw_convert_options copt = IFGW_CONVERT_OPTIONS_INIT;
	const struct ifgw_currency *from = NULL, *to = NULL;
	struct ifgw_rateset *rs = NULL;
	struct ifgw_conversion conv;
	struct ifgw_money amount;
	const char *rates_path = NULL;
	char amt[IFGW_MONEY_STRLEN], day[IFGW_DATE_STRLEN], rate[CROSS_RATE_STRLEN];
	char r1[IFGW_RATE_STRLEN], r2[IFGW_RATE_STRLEN], why[IFGW_MONEY_WHY_STRLEN];
	enum ifgw_exit ret = IFGW_EXIT_FAIL;
	int opt, is_eur;

	as_of_init(&when);
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_RATES:
			rates_path = optarg;
			break;
		case OPT_DATE:
			when.date_text = optarg;
			break;
		case OPT_MAX_AGE:
			if ((ret = parse_max_age(&when, what, optarg)) != IFGW_EXIT_OK)
				return ret;
			copt.max_age_days = when.rule.max_age;
			break;
		case OPT_ROUNDING:
			if (ifgw_rounding_parse(&copt.rounding, optarg) != IFGW_OK) {
				ifgw_error_clear();
				return ifgw_cli_usage_error(what, "--rounding '%s': use half-even, half-up or toward-zero",
							    optarg);
			}
			break;
		case OPT_MIXED:
			copt.allow_mixed_dates = 1;
			break;
		case OPT_HELP:
			convert_usage(stdout);
			return IFGW_EXIT_OK;
		default:
			return bad_option(what, argv);
		}
	}
	if (argc - optind != 3)
		return ifgw_cli_usage_error(what, "expected AMOUNT FROM TO, got %d argument%s", argc - optind,
					    argc - optind == 1 ? "" : "s");
	/* Everything the user typed is checked before the rates file is read. */
	if (ifgw_currency_lookup(&from, argv[optind + 1], strlen(argv[optind + 1])) != IFGW_OK ||
	    ifgw_currency_lookup(&to, argv[optind + 2], strlen(argv[optind + 2])) != IFGW_OK)
		goto fail;
	if (ifgw_money_untradeable_why(why, to)) {
		ifgw_error_set(IFGW_EINVAL, "%s is not a currency amounts can be held in (%s)", to->code, why);
		goto fail;
	}
	if (ifgw_money_parse(&amount, argv[optind], strlen(argv[optind]), from, NULL) != IFGW_OK)
		goto fail;
	if (check_date(&when) != IFGW_OK)
		goto fail;
	if (ifgw_rates_source_load(&rs, rates_path, NULL) != IFGW_OK)
		goto fail;
	ifgw_rates_as_of_choose(&when.rule, rs);
	if (ifgw_money_convert(&conv, rs, &amount, to, when.rule.as_of, &copt) != IFGW_OK) {
		/* A missing or stale rate is about the file: say which one. */
		if (ifgw_error_code() == IFGW_ENOTFOUND || ifgw_error_code() == IFGW_ESTALE) {
			error_prefix(ifgw_rateset_source(rs));
			hint_mixed(rs, &amount, to, &when, &copt);
		}
		goto fail;
	}
	note_fallback(what, &when, rs);
	ifgw_money_format(amt, &conv.result);
	ifgw_date_format(conv.rate_date, day);
	is_eur = strcmp(from->code, "EUR") == 0;
	if (from == to)
		snprintf(rate, sizeof(rate), "1");
	else if (is_eur)
		ifgw_rate_format(rate, &conv.to_per_eur); /* the ECB rate itself, exact */
	else
		cross_rate(rate, &conv.to_per_eur, &conv.from_per_eur);
	printf("%s %s rate-date %s rate %s/%s %s", amt, to->code, day, from->code, to->code, rate);
	/* A derived rate is followed by the exact ECB rates it comes from; rates
	 * of two publications (--allow-mixed-dates) each by its own date. */
	if (from != to && !is_eur) {
		ifgw_rate_format(r1, &conv.from_per_eur);
		printf(" EUR/%s %s", from->code, r1);
		if (conv.from_date != conv.to_date) {
			ifgw_date_format(conv.from_date, day);
			printf(" (%s)", day);
		}
		if (strcmp(to->code, "EUR") != 0) {
			ifgw_rate_format(r2, &conv.to_per_eur);
			printf(" EUR/%s %s", to->code, r2);
			if (conv.from_date != conv.to_date) {
				ifgw_date_format(conv.to_date, day);
				printf(" (%s)", day);
			}
		}
	}
	printf("\n");
	ret = IFGW_EXIT_OK;
	goto out;
fail:
	ret = ifgw_cli_fail(what);
out:
	ifgw_rateset_free(rs);
	return ret;
}

/* ---- ifgw fx rates ---- */

static void rates_usage(FILE *f)
{
	fprintf(f,
		"usage: ifgw fx rates [--rates FILE] [--date YYYY-MM-DD] [--max-age DAYS] [CCY...]\n\n"
		"List the ECB reference rates per 1 EUR as of a date, one currency a line:\n"
		"  CCY RATE PUBLICATION-DATE        e.g. 'USD 1.0856 2024-02-27'\n"
		"Without CCY: every currency of the publication used, in the ECB's order.\n"
		"With CCY...: those, in the order given (each from its latest publication on\n"
		"or before the date; EUR is 1).\n\n"
		"  --rates FILE     ECB XML or CSV rates file (default as for 'ifgw fx convert')\n"
		"  --date D         as of D (default today; see 'ifgw fx convert --help')\n"
		"  --max-age DAYS   refuse a publication more than DAYS before D (default %d;\n"
		"                   'none': any age)\n"
		"  --help           this text\n",
		IFGW_RATES_MAX_AGE_DEFAULT);
}

static enum ifgw_exit fx_rates(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"rates", required_argument, NULL, OPT_RATES},
		{"date", required_argument, NULL, OPT_DATE},
		{"max-age", required_argument, NULL, OPT_MAX_AGE},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *what = "fx rates";
	struct as_of_choice when;
	struct ifgw_rate_entry *list = NULL;
	int32_t *dates = NULL;
	struct ifgw_rateset *rs = NULL;
	const char *rates_path = NULL;
	char day[IFGW_DATE_STRLEN], rate[IFGW_RATE_STRLEN];
	size_t i, n = 0, asked;
	int32_t published;
	enum ifgw_exit ret = IFGW_EXIT_FAIL;
	int opt;

	as_of_init(&when);
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_RATES:
			rates_path = optarg;
			break;
		case OPT_DATE:
			when.date_text = optarg;
			break;
		case OPT_MAX_AGE:
			if ((ret = parse_max_age(&when, what, optarg)) != IFGW_EXIT_OK)
				return ret;
			break;
		case OPT_HELP:
			rates_usage(stdout);
			return IFGW_EXIT_OK;
		default:
			return bad_option(what, argv);
		}
	}
	asked = (size_t)(argc - optind);
	if (asked > IFGW_RATESET_MAX_CURRENCIES)
		return ifgw_cli_usage_error(what, "at most %d currencies at a time", IFGW_RATESET_MAX_CURRENCIES);
	list = calloc(IFGW_RATESET_MAX_CURRENCIES, sizeof(*list));
	dates = calloc(IFGW_RATESET_MAX_CURRENCIES, sizeof(*dates));
	if (!list || !dates) {
		ifgw_error_set(IFGW_ENOMEM, "out of memory");
		goto fail;
	}
	for (i = 0; i < asked; i++)
		if (ifgw_currency_lookup(&list[i].ccy, argv[optind + (int)i], strlen(argv[optind + (int)i])) != IFGW_OK)
			goto fail;
	if (check_date(&when) != IFGW_OK)
		goto fail;
	if (ifgw_rates_source_load(&rs, rates_path, NULL) != IFGW_OK)
		goto fail;
	ifgw_rates_as_of_choose(&when.rule, rs);
	if (asked == 0) {
		if (ifgw_rateset_list(list, IFGW_RATESET_MAX_CURRENCIES, &n, &published, rs, when.rule.as_of,
				      when.rule.max_age) != IFGW_OK) {
			error_prefix(ifgw_rateset_source(rs));
			goto fail;
		}
		for (i = 0; i < n; i++)
			dates[i] = published;
	} else {
		/* Every look-up first: a failure prints nothing on stdout. */
		for (n = 0; n < asked; n++)
			if (ifgw_rateset_lookup(&list[n].per_eur, &dates[n], rs, list[n].ccy, when.rule.as_of,
						when.rule.max_age) != IFGW_OK) {
				error_prefix(ifgw_rateset_source(rs));
				goto fail;
			}
	}
	note_fallback(what, &when, rs);
	for (i = 0; i < n; i++) {
		ifgw_rate_format(rate, &list[i].per_eur);
		ifgw_date_format(dates[i], day);
		printf("%s %s %s\n", list[i].ccy->code, rate, day);
	}
	ret = IFGW_EXIT_OK;
	goto out;
fail:
	ret = ifgw_cli_fail(what);
out:
	ifgw_rateset_free(rs);
	free(list);
	free(dates);
	return ret;
}

/* ---- ifgw fx fetch ---- */

static void fetch_usage(FILE *f)
{
	fprintf(f,
		"usage: ifgw fx fetch [--out FILE] [--cacert FILE] [--timeout S] [--connect-timeout S]\n"
		"                     [--max-size BYTES] [--force] URL\n\n"
		"Download an ECB rates file (https:// or file:// only), check that it loads as\n"
		"a rates file, and only then replace FILE atomically; its modification time is\n"
		"set to the server's Last-Modified.  If FILE exists, the request carries\n"
		"If-Modified-Since and a current FILE is left alone.  A failed or invalid\n"
		"download never replaces FILE.  The download is merged over the history\n"
		"already held (FILE, or the shipped history when the default FILE does not\n"
		"exist yet): dates only the history has are kept, a date in both takes the\n"
		"download's rates, so the daily or 90-day file adds to the history.  e.g.\n"
		"  ifgw fx fetch https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.xml\n"
		"Prints 'fetched N bytes, D dates FIRST..LAST -> FILE' (plus ', merged with the\n"
		"history held: D dates FIRST..LAST' when the history had more) or\n"
		"'not modified since TIME: FILE kept'; progress on stderr when it is a terminal.\n\n"
		"  --out FILE            where to keep the rates (default $XDG_DATA_HOME/ifgw/eurofxref,\n"
		"                        i.e. ~/.local/share/ifgw/eurofxref; convert and rates use it)\n"
		"  --cacert FILE         trust only the CAs in this PEM file (default: system trust)\n"
		"  --timeout S           give up after S seconds in all (default %d)\n"
		"  --connect-timeout S   give up connecting after S seconds (default %d)\n"
		"  --max-size BYTES      refuse a larger download (default and limit %u)\n"
		"  --force               download even if FILE is current (no If-Modified-Since)\n"
		"  --help                this text\n",
		IFGW_FETCH_TIMEOUT_DEFAULT, IFGW_FETCH_CONNECT_TIMEOUT_DEFAULT, IFGW_RATES_MAX_FILE);
}

static enum ifgw_exit fx_fetch(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"out", required_argument, NULL, OPT_OUT},
		{"cacert", required_argument, NULL, OPT_CACERT},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT},
		{"max-size", required_argument, NULL, OPT_MAX_SIZE},
		{"force", no_argument, NULL, OPT_FORCE},
		{"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *what = "fx fetch";
	struct ifgw_fetch_options fo = IFGW_FETCH_OPTIONS_INIT;
	struct ifgw_fetch_result res;
	struct ifgw_buf defpath, shipped;
	struct ifgw_error none;
	const char *out_path = NULL;
	char first[IFGW_DATE_STRLEN], last[IFGW_DATE_STRLEN], lm[IFGW_DATETIME_STRLEN];
	long v;
	enum ifgw_exit ret = IFGW_EXIT_FAIL;
	int opt;

	ifgw_buf_init(&defpath, PATH_MAX_LEN);
	ifgw_buf_init(&shipped, PATH_MAX_LEN);
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_OUT:
			out_path = optarg;
			break;
		case OPT_CACERT:
			fo.cacert = optarg;
			break;
		case OPT_TIMEOUT:
		case OPT_CONNECT_TIMEOUT:
			if (ifgw_cli_parse_long(&v, optarg, 1, IFGW_FETCH_TIMEOUT_MAX) != 0) {
				ret = ifgw_cli_usage_error(what, "%s '%s' is not a number of seconds in 1..%d",
							   opt == OPT_TIMEOUT ? "--timeout" : "--connect-timeout",
							   optarg, IFGW_FETCH_TIMEOUT_MAX);
				goto out;
			}
			if (opt == OPT_TIMEOUT)
				fo.timeout = v;
			else
				fo.connect_timeout = v;
			break;
		case OPT_MAX_SIZE:
			if (ifgw_cli_parse_long(&v, optarg, 1, (long)IFGW_RATES_MAX_FILE) != 0) {
				ret = ifgw_cli_usage_error(what, "--max-size '%s' is not a byte count in 1..%u", optarg,
							   IFGW_RATES_MAX_FILE);
				goto out;
			}
			fo.max_bytes = (size_t)v;
			break;
		case OPT_FORCE:
			fo.force = 1;
			break;
		case OPT_HELP:
			fetch_usage(stdout);
			ret = IFGW_EXIT_OK;
			goto out;
		default:
			ret = bad_option(what, argv);
			goto out;
		}
	}
	if (argc - optind != 1) {
		ret = ifgw_cli_usage_error(what, "expected one URL, got %d arguments", argc - optind);
		goto out;
	}
	if (!out_path) {
		if (ifgw_rates_user_path(&defpath) != IFGW_OK || ifgw_file_mkdir_parent(defpath.ptr, 0755) != IFGW_OK)
			goto fail;
		out_path = defpath.ptr;
		/* No copy of the user's yet: the shipped history is the one held. */
		if (ifgw_datadir_find(&shipped, IFGW_RATES_DEFAULT_FILE) == IFGW_OK)
			fo.held = shipped.ptr;
		else
			ifgw_error_save(&none); /* no shipped file: the download alone */
	}
	fo.merge = 1;
	fo.progress = isatty(STDERR_FILENO) ? stderr : NULL;
	if (ifgw_net_rates_fetch(argv[optind], out_path, &fo, &res) != IFGW_OK)
		goto fail;
	if (res.not_modified) {
		ifgw_datetime_format(res.last_modified, lm);
		printf("not modified since %s: %s kept\n", lm, out_path);
	} else {
		ifgw_date_format(res.merged ? res.fetched_first : res.first_date, first);
		ifgw_date_format(res.merged ? res.fetched_last : res.last_date, last);
		printf("fetched %zu bytes, %zu dates %s..%s", res.bytes, res.merged ? res.fetched_dates : res.dates, first,
		       last);
		if (res.merged) {
			ifgw_date_format(res.first_date, first);
			ifgw_date_format(res.last_date, last);
			printf(", merged with the history held: %zu dates %s..%s", res.dates, first, last);
		}
		printf(" -> %s\n", out_path);
	}
	ret = IFGW_EXIT_OK;
	goto out;
fail:
	ret = ifgw_cli_fail(what);
out:
	ifgw_buf_free(&defpath);
	ifgw_buf_free(&shipped);
	return ret;
}

/* ---- ifgw fx ---- */

static const struct ifgw_cli_subcommand subcommands[] = {
	{"convert", fx_convert, "convert an amount exactly at the ECB rates of a date"},
	{"rates", fx_rates, "list the ECB rates per 1 EUR as of a date"},
	{"fetch", fx_fetch, "download an ECB rates file and replace the local copy safely"},
};

enum ifgw_exit ifgw_cmd_fx(int argc, char **argv)
{
	static const char intro[] = "Currency: exact conversions with the ECB euro reference rates.";

	return ifgw_cli_dispatch("fx", intro, subcommands, sizeof(subcommands) / sizeof(subcommands[0]), argc, argv);
}
