#!/usr/bin/env python3
"""generate.py: the differential table of registration and VAT numbers.

Writes tests/data/countries/generated/<CC>.tsv (the columns of the
hand-written <CC>.tsv, see README.md): numbers built from each register's
published rule by this script's own implementation of it (independent of the
C code in adapters/countries/), then mutated (one digit changed, two
neighbours transposed, the all-zero placeholder).  The expected outcome of
every line, mutated ones included, is what this script's rule says, so a
transposition that a check digit cannot see (Luhn misses 09 <-> 90) is
expected to pass: the C check must agree with the rule, not with a guess.

python-stdnum was not installable here (no package index), so the rules are
written out below from the registers' publications, the same ones the C
files cite.  Deterministic: a fixed seed; run it again and the files are the
same.  Usage: python3 tests/data/countries/generate.py [N]  (N valid numbers
per scheme, default 40)."""

import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261202)
DIGITS = "0123456789"


def luhn_ok(d):
    s = 0
    for i, c in enumerate(reversed(d)):
        v = int(c)
        if i % 2:
            v *= 2
            if v > 9:
                v -= 9
        s += v
    return s % 10 == 0


def luhn_complete(d):
    for c in DIGITS:
        if luhn_ok(d + c):
            return d + c
    raise AssertionError(d)


def rnd(n):
    return "".join(rng.choice(DIGITS) for _ in range(n))


def nonzero(d):
    """Some digit is not 0: an all-zero number is a placeholder, never
    issued, whatever its letters (SIREN 000000000, DNI 00000000T)."""
    return any(c in "123456789" for c in d)


# --- the rules: each returns the normalized form, or None when invalid

def fr_siren(d):
    return d if len(d) == 9 and d.isdigit() and nonzero(d) and luhn_ok(d) else None


def fr_siret(d):
    if len(d) != 14 or not d.isdigit() or not nonzero(d) or d.startswith("356000000"):
        return None
    return d if luhn_ok(d[:9]) and luhn_ok(d) else None


def fr_tva(d):  # key (2 digits) + SIREN, numeric keys only
    if len(d) != 11 or not d.isdigit():
        return None
    siren = d[2:]
    if siren == "000000000" or (not siren.startswith("000") and not luhn_ok(siren)):
        return None
    return "FR" + d if int(d[:2]) == (12 + 3 * (int(siren) % 97)) % 97 else None


def de_vat(d):  # ISO 7064 MOD 11,10
    if len(d) != 9 or not d.isdigit() or d[0] == "0":
        return None
    p = 10
    for c in d[:8]:
        s = (p + int(c)) % 10 or 10
        p = (2 * s) % 11
    return "DE" + d if (11 - p) % 10 == int(d[8]) else None


def it_iva(d):
    if len(d) != 11 or not d.isdigit() or not nonzero(d[:7]) or d[7:10] == "000":
        return None
    return d if luhn_ok(d) else None


def pl_nip(d):
    if len(d) != 10 or not d.isdigit() or not nonzero(d):
        return None
    s = sum(int(c) * w for c, w in zip(d, (6, 5, 7, 2, 3, 4, 5, 6, 7))) % 11
    return d if s != 10 and s == int(d[9]) else None


def jp_cn(d):
    if len(d) != 13 or not d.isdigit() or not nonzero(d):
        return None
    base = d[1:]
    s = sum(int(c) * (1 if n % 2 else 2) for n, c in enumerate(reversed(base), start=1))
    return d if 9 - s % 9 == int(d[0]) else None


USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def cn_uscc(d):
    if len(d) != 18 or any(c not in USCC for c in d) or not nonzero(d):
        return None
    if d[0] not in "123456789ANY" or not d[1].isdigit() or not d[2:8].isdigit():
        return None
    s = sum(USCC.index(c) * pow(3, i, 31) for i, c in enumerate(d[:17]))
    return d if USCC[(31 - s % 31) % 31] == d[17] else None


def tr_vkn(d):
    if len(d) != 10 or not d.isdigit() or not nonzero(d):
        return None
    s = 0
    for i in range(1, 10):
        c1 = (int(d[9 - i]) + i) % 10
        if c1:
            c2 = (c1 * 2 ** i) % 9
            s += c2 or 9
    return d if (10 - s % 10) % 10 == int(d[9]) else None


def tr_tckn(d):
    if len(d) != 11 or not d.isdigit() or d[0] == "0":
        return None
    v = [int(c) for c in d]
    if v[9] != (7 * sum(v[0:9:2]) - sum(v[1:8:2])) % 10:
        return None
    return d if v[10] == sum(v[:10]) % 10 else None


def gb_vat(d):
    if len(d) != 9 or not d.isdigit() or not nonzero(d):
        return None
    r = (sum(int(c) * w for c, w in zip(d[:7], (8, 7, 6, 5, 4, 3, 2))) + int(d[7:])) % 97
    return "GB" + d if r == 0 or (r == 42 and d >= "100") else None


DNI = "TRWAGMYFPDXBNJZSQVHLCKE"


def es_nif(d):
    if len(d) != 9 or not d[1:8].isdigit() or not nonzero(d):
        return None
    if d[0].isdigit():
        return d if d[:8].isdigit() and DNI[int(d[:8]) % 23] == d[8] else None
    if d[0] in "ABCDEFGHJNPQRSUVW":
        digits = d[1:8]
        a = sum(int(c) for c in digits[1::2])
        b = sum(sum(divmod(2 * int(c), 10)) for c in digits[0::2])
        c = (10 - (a + b) % 10) % 10
        letter, digit = "JABCDEFGHI"[c], str(c)
        if d[0] in "NPQRSW" or digits[:2] == "00":
            ok = d[8] == letter
        elif d[0] in "ABEH":
            ok = d[8] == digit
        else:
            ok = d[8] in (letter, digit)
        return d if ok else None
    return None


# --- generators of valid numbers

def gen_fr_siren():
    return luhn_complete(str(rng.randint(1, 9)) + rnd(7))


def gen_fr_siret():
    while True:
        siren = gen_fr_siren()
        if siren != "356000000":
            return luhn_complete(siren + rnd(4))


def gen_fr_tva():
    siren = gen_fr_siren()
    return "%02d" % ((12 + 3 * (int(siren) % 97)) % 97) + siren


def gen_by(rule, make):
    while True:
        d = make()
        if rule(d):
            return d


SCHEMES = [
    # country, kind, prefix written, rule, generator, mutate from this index
    ("FR", "regno", "", fr_siren, gen_fr_siren),
    ("FR", "regno", "", fr_siret, gen_fr_siret),
    ("FR", "vat", "FR", fr_tva, gen_fr_tva),
    ("DE", "vat", "DE", de_vat, lambda: gen_by(de_vat, lambda: str(rng.randint(1, 9)) + rnd(8))),
    ("IT", "regno", "", it_iva, lambda: luhn_complete(str(rng.randint(1, 9)) + rnd(6) + "%03d" % rng.randint(1, 120))),
    ("IT", "vat", "IT", it_iva, lambda: luhn_complete(rnd(6) + str(rng.randint(1, 9)) + "%03d" % rng.randint(1, 120))),
    ("PL", "regno", "", pl_nip, lambda: gen_by(pl_nip, lambda: rnd(10))),
    ("PL", "vat", "PL", pl_nip, lambda: gen_by(pl_nip, lambda: rnd(10))),
    ("JP", "regno", "", jp_cn, lambda: gen_by(jp_cn, lambda: rnd(13))),
    ("JP", "vat", "T", jp_cn, lambda: gen_by(jp_cn, lambda: rnd(13))),
    ("CN", "regno", "", cn_uscc, lambda: gen_by(cn_uscc, lambda: rng.choice("9159Y") + rng.choice("123") + rnd(6)
                                                + "".join(rng.choice(USCC) for _ in range(10)))),
    ("TR", "regno", "", tr_vkn, lambda: gen_by(tr_vkn, lambda: rnd(10))),
    ("TR", "regno", "", tr_tckn, lambda: gen_by(tr_tckn, lambda: str(rng.randint(1, 9)) + rnd(10))),
    ("GB", "vat", "GB", gb_vat, lambda: gen_by(gb_vat, lambda: rnd(9))),
    ("ES", "regno", "", es_nif, lambda: gen_by(es_nif, lambda: rnd(8) + rng.choice(DNI))),
    ("ES", "vat", "ES", es_nif, lambda: gen_by(es_nif, lambda: rng.choice("ABCDEFGHJNPQRSUVW") + rnd(7)
                                                 + rng.choice(DIGITS + "JABCDEFGHI"))),
]

VAT_PREFIX_IN_NORM = {"FR", "DE", "IT", "PL", "T", "GB", "ES"}


def mutations(d):
    """One digit changed, two neighbours transposed (when different), the
    all-zero placeholder of the same shape."""
    out = []
    digits = [i for i, c in enumerate(d) if c.isdigit()]
    i = rng.choice(digits)
    out.append(("digit %d changed" % (i + 1), d[:i] + rng.choice([c for c in DIGITS if c != d[i]]) + d[i + 1:]))
    pairs = [i for i in range(len(d) - 1) if d[i] != d[i + 1] and d[i].isdigit() and d[i + 1].isdigit()]
    if pairs:
        i = rng.choice(pairs)
        out.append(("digits %d-%d transposed" % (i + 1, i + 2), d[:i] + d[i + 1] + d[i] + d[i + 2:]))
    out.append(("placeholder", "".join("0" if c.isdigit() else c for c in d)))
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    rows = {}
    for cc, kind, prefix, rule, gen in SCHEMES:
        lines = rows.setdefault(cc, [])
        seen = set()
        while len(seen) < n:
            d = gen()
            assert rule(d), (cc, d)
            if d in seen:
                continue
            seen.add(d)
            norm = rule(d)
            if kind == "vat" and not norm.startswith(prefix):
                norm = prefix + norm
            lines.append((kind, prefix + d, "ok", norm, "generated: %s" % rule.__name__))
            for what, m in mutations(d):
                mn = rule(m)
                if mn:
                    if kind == "vat" and not mn.startswith(prefix):
                        mn = prefix + mn
                    lines.append((kind, prefix + m, "ok", mn, "generated: %s, %s, still valid by the rule" % (rule.__name__, what)))
                else:
                    lines.append((kind, prefix + m, "fail", "", "generated: %s, %s" % (rule.__name__, what)))
    os.makedirs(os.path.join(HERE, "generated"), exist_ok=True)
    for cc, lines in sorted(rows.items()):
        with open(os.path.join(HERE, "generated", cc + ".tsv"), "w", encoding="utf-8") as f:
            f.write("# %s: generated by tests/data/countries/generate.py (do not edit; run it again)\n" % cc)
            f.write("# kind\tinput\texpect\tdetail\tsource\n")
            for row in lines:
                f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
