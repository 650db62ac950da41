/* checkdigits.h: the check-digit algorithms registration and tax numbers use.
 *
 * Each works on ASCII digit strings of a known length (the caller has
 * checked the characters) and returns the check value; the country files
 * (adapters/countries/) say which algorithm their number uses and where the
 * rule is published. */
#ifndef IFGW_ADAPTERS_CHECKDIGITS_H
#define IFGW_ADAPTERS_CHECKDIGITS_H

#include <stddef.h>

/* 1 when the n bytes at s are all ASCII digits (and n > 0), else 0. */
int ifgw_checkdigit_all_digits(const char *s, size_t n);

/* Luhn (ISO/IEC 7812-1 annex B) sum of n digits, the last one being the
 * check digit: the number is valid when the sum is a multiple of 10. */
unsigned ifgw_checkdigit_luhn_sum(const char *digits, size_t n);

/* The Luhn check digit to append to n digits. */
unsigned ifgw_checkdigit_luhn_digit(const char *digits, size_t n);

/* Sum of the n digits' values (La Poste SIRET rule). */
unsigned ifgw_checkdigit_digit_sum(const char *digits, size_t n);

/* The n digits read as a decimal number, modulo 97 (ISO 7064 MOD 97-10
 * arithmetic, no overflow whatever n is). */
unsigned ifgw_checkdigit_mod97(const char *digits, size_t n);

/* Σ digit[i] × weights[i] for i < n (weights may be negative). */
long ifgw_checkdigit_weighted_sum(const char *digits, const int *weights, size_t n);

/* ISO 7064 MOD 11,10 (hybrid system) check digit for n digits. */
unsigned ifgw_checkdigit_iso7064_11_10(const char *digits, size_t n);

/* GS1 General Specifications 7.9.1 check digit for n digits (GTIN, GLN):
 * weights 3 and 1 alternating from the rightmost digit, the check digit
 * makes the weighted sum a multiple of 10. */
unsigned ifgw_checkdigit_gs1_digit(const char *digits, size_t n);

#endif
