/* cert.c: X.509 helpers shared by certs/ (see cert.h). */
#include "config.h"

#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "certs/cert.h"

const char *ifgw_cert_ossl_error(char *out, size_t n)
{
	unsigned long e = ERR_peek_last_error();

	if (e == 0)
		snprintf(out, n, "no reason");
	else
		ERR_error_string_n(e, out, n);
	ERR_clear_error();
	return out;
}

/* Read path (capped) into a memory BIO; the caller frees both. */
static int read_bio(BIO **out, struct ifgw_buf *data, const char *path)
{
	int rc;

	*out = NULL;
	if ((rc = ifgw_file_read(data, path)) != IFGW_OK)
		return rc;
	if (data->len > (size_t)0x7fffffff)
		return ifgw_error_set(IFGW_EOVERFLOW, "%s: too large", path);
	*out = BIO_new_mem_buf(data->ptr ? data->ptr : "", (int)data->len);
	if (!*out)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
	return IFGW_OK;
}

/* After a PEM read loop: the end of input is fine, anything else is not. */
static int pem_loop_ended_cleanly(void)
{
	unsigned long e = ERR_peek_last_error();

	if (e == 0 || (ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE)) {
		ERR_clear_error();
		return 1;
	}
	return 0;
}

int ifgw_cert_read_pem(STACK_OF(X509) **out, const char *path)
{
	struct ifgw_buf data;
	STACK_OF(X509) *sk = NULL;
	BIO *bio = NULL;
	X509 *x;
	char why[256];
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(path);

	*out = NULL;
	ifgw_buf_init(&data, IFGW_CERT_PEM_MAX);
	ERR_clear_error();
	if ((rc = read_bio(&bio, &data, path)) != IFGW_OK)
		goto out;
	if (!(sk = sk_X509_new_null())) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
		if (!sk_X509_push(sk, x)) {
			X509_free(x);
			rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
			goto out;
		}
	}
	if (!pem_loop_ended_cleanly()) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s: certificate %d: not valid PEM/X.509: %s", path,
				    sk_X509_num(sk) + 1, ifgw_cert_ossl_error(why, sizeof(why)));
		goto out;
	}
	if (sk_X509_num(sk) == 0) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s: no PEM certificate (BEGIN CERTIFICATE) in the file", path);
		goto out;
	}
	*out = sk;
	sk = NULL; /* handed to the caller */
out:
	sk_X509_pop_free(sk, X509_free);
	BIO_free(bio);
	ifgw_buf_free(&data);
	return rc;
}

int ifgw_cert_read_crls(STACK_OF(X509_CRL) **out, const char *path)
{
	struct ifgw_buf data;
	STACK_OF(X509_CRL) *sk = NULL;
	BIO *bio = NULL;
	X509_CRL *c;
	char why[256];
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(path);

	*out = NULL;
	ifgw_buf_init(&data, IFGW_CERT_PEM_MAX);
	ERR_clear_error();
	if ((rc = read_bio(&bio, &data, path)) != IFGW_OK)
		goto out;
	if (!(sk = sk_X509_CRL_new_null())) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	while ((c = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL)) != NULL) {
		if (!sk_X509_CRL_push(sk, c)) {
			X509_CRL_free(c);
			rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
			goto out;
		}
	}
	if (!pem_loop_ended_cleanly()) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s: CRL %d: not valid PEM/X.509: %s", path,
				    sk_X509_CRL_num(sk) + 1, ifgw_cert_ossl_error(why, sizeof(why)));
		goto out;
	}
	if (sk_X509_CRL_num(sk) == 0) {
		rc = ifgw_error_set(IFGW_EPARSE, "%s: no PEM CRL (BEGIN X509 CRL) in the file", path);
		goto out;
	}
	*out = sk;
	sk = NULL; /* handed to the caller */
out:
	sk_X509_CRL_pop_free(sk, X509_CRL_free);
	BIO_free(bio);
	ifgw_buf_free(&data);
	return rc;
}

void ifgw_cert_name(char out[IFGW_CERT_NAME_MAX], const X509_NAME *name)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *p = NULL;
	long n = 0;
	size_t i, len;

	out[0] = '\0';
	/* RFC 2253 order (CN first), UTF-8 kept as is, on one line. */
	if (!bio || X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
		snprintf(out, IFGW_CERT_NAME_MAX, "(unprintable name)");
		goto out;
	}
	n = BIO_get_mem_data(bio, &p);
	len = n > 0 ? (size_t)n : 0;
	if (len >= IFGW_CERT_NAME_MAX) {
		memcpy(out, p, IFGW_CERT_NAME_MAX - 4);
		memcpy(out + IFGW_CERT_NAME_MAX - 4, "...", 4);
	} else {
		if (len)
			memcpy(out, p, len);
		out[len] = '\0';
	}
	for (i = 0; out[i]; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '?';
	if (!out[0])
		snprintf(out, IFGW_CERT_NAME_MAX, "(empty name)");
out:
	BIO_free(bio);
	ERR_clear_error();
}

void ifgw_cert_subject(char out[IFGW_CERT_NAME_MAX], const X509 *cert)
{
	ifgw_cert_name(out, X509_get_subject_name(cert));
}

int ifgw_cert_spki_sha256(unsigned char out[32], const X509 *cert)
{
	unsigned char *der = NULL;
	unsigned int mdlen = 0;
	int n, rc = IFGW_OK;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cert);

	n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
	if (n <= 0 || !EVP_Digest(der, (size_t)n, out, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
		rc = ifgw_error_set(IFGW_EPARSE, "certificate: cannot encode its public key");
	OPENSSL_free(der);
	ERR_clear_error();
	return rc;
}

int ifgw_cert_pin(char out[IFGW_CERT_PIN_LEN], const X509 *cert)
{
	unsigned char md[32];
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(cert);

	out[0] = '\0';
	if ((rc = ifgw_cert_spki_sha256(md, cert)) != IFGW_OK)
		return rc;
	/* 32 bytes are 44 base64 characters plus the NUL EVP_EncodeBlock adds. */
	if (EVP_EncodeBlock((unsigned char *)out, md, 32) != 44)
		return ifgw_error_set(IFGW_EINVAL, "certificate: cannot encode its pin");
	return IFGW_OK;
}

int ifgw_cert_time(int64_t *out, const ASN1_TIME *t)
{
	struct tm tm;
	int32_t day;

	IFGW_ASSERT_ARG(out);

	memset(&tm, 0, sizeof(tm));
	if (!t || !ASN1_TIME_to_tm(t, &tm)) {
		ERR_clear_error();
		return ifgw_error_set(IFGW_EPARSE, "certificate: unreadable time");
	}
	if (ifgw_date_from_ymd(&day, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) != IFGW_OK)
		return ifgw_error_set(IFGW_EPARSE, "certificate: time out of range");
	*out = (int64_t)day * IFGW_SECONDS_PER_DAY + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return IFGW_OK;
}

int ifgw_cert_validity(int64_t *not_before, int64_t *not_after, const X509 *cert)
{
	int rc;

	IFGW_ASSERT_ARG(not_before);
	IFGW_ASSERT_ARG(not_after);
	IFGW_ASSERT_ARG(cert);

	if ((rc = ifgw_cert_time(not_before, X509_get0_notBefore(cert))) != IFGW_OK)
		return rc;
	return ifgw_cert_time(not_after, X509_get0_notAfter(cert));
}
