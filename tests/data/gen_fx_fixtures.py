#!/usr/bin/env python3
"""Write tests/data/fx/conversions.tsv: expected currency conversions computed
independently of ifgw's C code.

It reads the ECB CSV files itself (csv module), applies its own as-of rule
(the latest publication on or before the date that quotes the currency; EUR
is 1 on every publication; refused when older than max_age days) and computes
every result with fractions.Fraction from decimal.Decimal rates, rounded once.
tests/unit/test_convert.c replays every line against ifgw_money_convert().

    python3 tests/data/gen_fx_fixtures.py            # from the source tree's top
"""
import csv
import datetime
import os
import sys
from decimal import Decimal
from fractions import Fraction

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FILES = {
    "hist": "currency/data/eurofxref-hist.csv",
    "crafted": "tests/data/fx/crafted-3dec.csv",
}
# Minor units (ISO 4217), written out here on purpose: not read from ifgw's table.
MINOR = {
    "EUR": 2, "USD": 2, "JPY": 0, "GBP": 2, "CHF": 2, "TRY": 2, "TRL": 0, "PLN": 2, "CNY": 2,
    "HUF": 2, "ISK": 0, "KRW": 0, "IDR": 2, "BGN": 2, "KWD": 3, "BHD": 3, "CZK": 2, "ZAR": 2, "RUB": 2,
}
INT64_MAX = 2**63 - 1
DEFAULT_MAX_AGE = 5


def load(path):
    """{date: {ccy: Fraction}} from an ECB history CSV (N/A = no rate)."""
    rates = {}
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = [h.strip() for h in next(rows)]
        assert header[0] == "Date"
        for row in rows:
            if not row:
                continue
            day = datetime.date.fromisoformat(row[0].strip())
            assert day not in rates
            rates[day] = {}
            for code, text in zip(header[1:], row[1:]):
                text = text.strip()
                if code and text and text != "N/A":
                    rates[day][code] = Decimal(text)
    return rates


def as_of(rates, ccy, day, max_age):
    """(rate Decimal, publication date) or raise LookupError(status)."""
    for pub in sorted((d for d in rates if d <= day), reverse=True):
        if ccy == "EUR" or ccy in rates[pub]:
            if max_age >= 0 and (day - pub).days > max_age:
                raise LookupError("ESTALE")
            return (Decimal(1) if ccy == "EUR" else rates[pub][ccy]), pub
    raise LookupError("ENOTFOUND")


def in_one_publication(rates, frm, to, day, max_age):
    """A cross rate: both rates from the latest publication on or before day."""
    pubs = [d for d in rates if d <= day]
    if not pubs:
        raise LookupError("ENOTFOUND")
    pub = max(pubs)
    if max_age >= 0 and (day - pub).days > max_age:
        raise LookupError("ESTALE")
    if frm not in rates[pub] or to not in rates[pub]:
        raise LookupError("ENOTFOUND")
    return rates[pub][frm], rates[pub][to], pub


def round_once(x, mode):
    if mode == "toward-zero":
        return int(x)  # Fraction -> int truncates toward zero
    if mode == "half-up":  # ties away from zero
        n = int(abs(x) + Fraction(1, 2))
        return n if x >= 0 else -n
    return round(x)  # Python rounds a Fraction half to even


def minor_of(text, ccy):
    """Amounts in CASES are digit strings read as minor units of the source
    currency: "1234.56" is 123456 minor units (1234.56 USD, 123456 JPY)."""
    return int(text.replace(".", ""))


def text_of(minor, ccy):
    units = MINOR[ccy]
    sign = "-" if minor < 0 else ""
    digits = str(abs(minor)).rjust(units + 1, "0")
    return sign + (digits[:-units] + "." + digits[-units:] if units else digits)


def fmt_rate(r):
    return format(r.normalize(), "f")


def convert(rates, a, frm, to, day, mode, max_age):
    if frm == to:
        return "OK", text_of(a, to), day.isoformat(), "1", "1"
    try:
        if frm != "EUR" and to != "EUR":
            fr, tr, fpub = in_one_publication(rates, frm, to, day, max_age)
            tpub = fpub
        else:
            fr, fpub = as_of(rates, frm, day, max_age)
            tr, tpub = as_of(rates, to, day, max_age)
    except LookupError as e:
        return str(e), "-", "-", "-", "-"
    exact = Fraction(a) * 10 ** MINOR[to] * Fraction(tr) / (10 ** MINOR[frm] * Fraction(fr))
    res = round_once(exact, mode)
    if abs(res) > INT64_MAX:
        return "EOVERFLOW", "-", "-", fmt_rate(fr), fmt_rate(tr)
    return "OK", text_of(res, to), min(fpub, tpub).isoformat(), fmt_rate(fr), fmt_rate(tr)


MODES = ("half-even", "half-up", "toward-zero")
D = datetime.date.fromisoformat

# (file, as-of date, max_age, amount, from, to): every mode is written for each.
CASES = []


def add(file, day, pairs, amounts, max_age=DEFAULT_MAX_AGE):
    for frm, to in pairs:
        for amt in amounts:
            CASES.append((file, D(day), max_age, amt, frm, to))


MAIN_PAIRS = [("EUR", "JPY"), ("USD", "JPY"), ("JPY", "USD"), ("GBP", "CHF"), ("CNY", "HUF"),
              ("USD", "EUR"), ("EUR", "USD"), ("PLN", "GBP")]
add("hist", "1999-01-04", MAIN_PAIRS[:4] + [("EUR", "GBP")], ["100.00", "1234567.89", "-987654.32", "0.01"])
add("hist", "1999-01-04", [("JPY", "EUR")], ["1", "12345678901", "-3"])
add("hist", "1999-06-15", [("USD", "ISK"), ("ISK", "USD"), ("CHF", "PLN")], ["1000.00", "-0.05"])
add("hist", "2004-06-01", [("TRL", "EUR"), ("TRL", "USD")], ["1000000", "-1"])  # Turkish lira before 2005
add("hist", "2004-06-01", [("EUR", "TRL")], ["99.99", "0.01"])
add("hist", "2004-06-01", [("TRY", "EUR")], ["1.00"])  # TRY starts 2005: no rate yet
add("hist", "2008-09-15", MAIN_PAIRS, ["100.00", "98765432109.87", "-0.01"])
add("hist", "2008-12-31", [("ISK", "EUR")], ["1000"])  # ISK gap from 2008-12-10: stale
add("hist", "2008-12-31", [("USD", "TRY"), ("TRY", "PLN")], ["5000.00", "-12.34"])
add("hist", "2010-06-01", [("EUR", "ISK")], ["1.00"], max_age=-1)  # any age: 2008-12-09's rate
add("hist", "2020-03-16", MAIN_PAIRS + [("TRY", "PLN"), ("HUF", "ISK"), ("ISK", "HUF")],
    ["100.00", "1234567.89", "-42.42", "0.99"])
add("hist", "2020-04-13", [("USD", "JPY"), ("CNY", "HUF")], ["100.00", "-7.77"])  # Easter Monday
add("hist", "2020-04-13", [("USD", "JPY")], ["100.00"], max_age=3)  # Easter: Thursday is 4 days back
add("hist", "2024-01-01", MAIN_PAIRS + [("TRY", "CNY")], ["100.00", "1234567.89", "-0.50"])  # New Year
add("hist", "2024-01-01", [("KWD", "EUR")], ["1.000"])  # the ECB quotes no KWD
add("hist", "2024-01-01", [("EUR", "KWD")], ["1.00"])
add("hist", "2025-12-25", MAIN_PAIRS + [("BGN", "EUR")], ["100.00", "-250000.01"])  # Christmas
add("hist", "2026-02-02", [("BGN", "EUR")], ["100.00"])  # BGN ended 2025-12-31: stale
add("hist", "2026-04-11", MAIN_PAIRS + [("TRY", "PLN"), ("ISK", "USD"), ("USD", "ISK")],
    ["100.00", "12345678901234.56", "-1.01"])  # a Saturday
add("hist", "2026-04-13", MAIN_PAIRS + [("HUF", "JPY"), ("USD", "USD"), ("JPY", "JPY")],
    ["100.00", "0.01", "-99999.99"])
add("hist", "2026-04-13", [("USD", "JPY")], ["92233720368547758.07", "60000000000000000.00"])  # overflow
add("hist", "2026-04-13", [("JPY", "USD")], ["9223372036854775807", "-9223372036854775807"])
add("hist", "2026-04-20", [("USD", "JPY")], ["100.00"])  # 7 days after the last: stale
add("hist", "1998-12-31", [("USD", "JPY")], ["100.00"])  # before the first: none
# RUB was last quoted 2022-03-01: a cross rate takes both rates from one publication.
add("hist", "2022-03-01", [("RUB", "USD"), ("USD", "RUB"), ("RUB", "EUR")], ["1000.00"])
add("hist", "2022-03-04", [("RUB", "USD"), ("USD", "RUB")], ["1000.00"])  # not in 03-04's: none
add("hist", "2022-03-04", [("RUB", "EUR"), ("EUR", "RUB")], ["1000.00"])  # one rate: 03-01's serves
# Three-decimal currencies: the ECB quotes none, so a crafted file does.
add("crafted", "2024-01-05", [("JPY", "USD"), ("USD", "JPY"), ("JPY", "KWD"), ("KWD", "JPY"), ("KWD", "BHD"),
                               ("BHD", "KWD"), ("USD", "KWD"), ("KWD", "USD"), ("EUR", "KWD")],
    ["1", "2", "3", "-1", "-2", "-3", "0", "7", "12345"])
add("crafted", "2024-01-05", [("KWD", "USD"), ("BHD", "JPY"), ("KWD", "EUR")],
    ["0.001", "0.005", "-0.005", "1.234", "123456789.999"])
add("crafted", "2024-01-07", [("USD", "KWD")], ["10.00"])  # Sunday: Friday's rates
add("crafted", "2024-01-04", [("USD", "KWD")], ["10.00", "-3.33"])
add("crafted", "2024-01-04", [("KWD", "BHD"), ("BHD", "USD")], ["10.000", "-3.333"])


def main():
    loaded = {k: load(os.path.join(TOP, v)) for k, v in FILES.items()}
    out = os.path.join(TOP, "tests/data/fx/conversions.tsv")
    lines = ["# Generated by tests/data/gen_fx_fixtures.py (python fractions/decimal, its own CSV reading and as-of"
             " rule); do not edit.",
             "# file\tas_of\tmax_age\tamount\tfrom\tto\trounding\tstatus\tresult\trate_date\tfrom_per_eur\tto_per_eur"]
    seen = set()
    for file, day, max_age, amt, frm, to in CASES:
        for mode in MODES:
            key = (file, day, max_age, amt, frm, to, mode)
            if key in seen:
                continue
            seen.add(key)
            a = minor_of(amt, frm)
            st, res, rdate, fr, tr = convert(loaded[file], a, frm, to, day, mode, max_age)
            lines.append("\t".join([file, day.isoformat(), str(max_age), text_of(a, frm), frm, to, mode, st, res, rdate,
                                    fr, tr]))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%s: %d conversions" % (os.path.relpath(out, TOP), len(lines) - 2), file=sys.stderr)


if __name__ == "__main__":
    main()
