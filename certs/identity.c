/* identity.c: this node's key and certificate chain (see identity.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "base/buf.h"
#include "base/error.h"
#include "certs/cert.h"
#include "certs/identity.h"

#define KEY_FILE_MAX (64u * 1024u)

struct ifgw_identity {
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) *chain; /* intermediates, or NULL */
};

/* Never prompt on the terminal for a pass phrase: encrypted keys are refused. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

/* ECDSA P-256 or RSA of 2048 bits or more (DOMAIN.md, strict profile). */
static int check_key_type(EVP_PKEY *key, const char *where)
{
	char group[64];
	size_t glen = 0;

	if (EVP_PKEY_is_a(key, "EC")) {
		if (!EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
						    &glen) ||
		    strcmp(group, "prime256v1") != 0) {
			ERR_clear_error();
			return ifgw_error_set(IFGW_ETRUST, "%s: EC key on curve %s: only P-256 is supported",
					      where, glen ? group : "(unknown)");
		}
		return IFGW_OK;
	}
	if (EVP_PKEY_is_a(key, "RSA")) {
		if (EVP_PKEY_get_bits(key) < 2048)
			return ifgw_error_set(IFGW_ETRUST, "%s: RSA key of %d bits: at least 2048 required",
					      where, EVP_PKEY_get_bits(key));
		return IFGW_OK;
	}
	return ifgw_error_set(IFGW_ETRUST, "%s: key type %s is not supported (ECDSA P-256 or RSA 2048/3072)",
			      where, EVP_PKEY_get0_type_name(key) ? EVP_PKEY_get0_type_name(key) : "?");
}

/* Read a private key file, refusing one that group or others may read. */
static int read_key(EVP_PKEY **out, const char *path)
{
	struct ifgw_error kept;
	char eb[IFGW_STRERROR_SIZE];
	struct ifgw_buf data;
	struct stat st;
	char chunk[4096];
	char why[256];
	BIO *bio = NULL;
	ssize_t n;
	int fd = -1, rc = IFGW_OK;

	*out = NULL;
	ifgw_buf_init(&data, KEY_FILE_MAX);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		rc = ifgw_error_set(IFGW_EIO, "%s: cannot open: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
		goto out;
	}
	/* fstat on the open file: the mode checked is the mode of what we read. */
	if (fstat(fd, &st) != 0) {
		rc = ifgw_error_set(IFGW_EIO, "%s: cannot stat: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = ifgw_error_set(IFGW_EIO, "%s: not a regular file", path);
		goto out;
	}
	if (st.st_mode & 077) {
		rc = ifgw_error_set(IFGW_ETRUST, "%s: readable by group or others (mode %04o); chmod 600 it",
				    path, (unsigned)(st.st_mode & 07777));
		goto out;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = ifgw_error_set(IFGW_EIO, "%s: read failed: %s", path, ifgw_strerror(errno, eb, sizeof(eb)));
			goto out;
		}
		if (n == 0)
			break;
		ifgw_error_save(&kept); /* replaced by a message that names the file */
		rc = ifgw_buf_add(&data, chunk, (size_t)n);
		ifgw_error_restore(&kept);
		if (rc != IFGW_OK) {
			rc = ifgw_error_set(IFGW_EOVERFLOW, "%s: larger than %u bytes: not a key file", path,
					    KEY_FILE_MAX);
			goto out;
		}
	}
	ERR_clear_error();
	bio = BIO_new_mem_buf(data.ptr ? data.ptr : "", (int)data.len);
	if (!bio) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	*out = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
	if (!*out) {
		ifgw_cert_ossl_error(why, sizeof(why));
		if (data.ptr && strstr(data.ptr, "ENCRYPTED"))
			rc = ifgw_error_set(IFGW_EPARSE, "%s: encrypted private keys are not supported", path);
		else
			rc = ifgw_error_set(IFGW_EPARSE, "%s: no PEM private key: %s", path, why);
		goto out;
	}
	rc = check_key_type(*out, path);
out:
	if (rc != IFGW_OK) {
		EVP_PKEY_free(*out);
		*out = NULL;
	}
	if (data.ptr)
		OPENSSL_cleanse(data.ptr, data.len); /* the key bytes do not linger in freed memory */
	ifgw_buf_free(&data);
	BIO_free(bio);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* The key must be the private half of the leaf certificate's public key. */
static int check_match(EVP_PKEY *key, X509 *cert, const char *where)
{
	EVP_PKEY *pub = X509_get0_pubkey(cert);
	char subject[IFGW_CERT_NAME_MAX];

	if (pub && EVP_PKEY_eq(pub, key) == 1)
		return IFGW_OK;
	ERR_clear_error();
	ifgw_cert_subject(subject, cert);
	return ifgw_error_set(IFGW_ETRUST, "%s: private key does not match certificate %s", where, subject);
}

int ifgw_identity_new(struct ifgw_identity **out, EVP_PKEY *key, X509 *cert, STACK_OF(X509) *chain)
{
	struct ifgw_identity *id = NULL;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(key);
	IFGW_ASSERT_ARG(cert);

	*out = NULL;
	if ((rc = check_key_type(key, "identity")) != IFGW_OK ||
	    (rc = check_match(key, cert, "identity")) != IFGW_OK)
		return rc;
	if (!(id = calloc(1, sizeof(*id))))
		return ifgw_error_set(IFGW_ENOMEM, "identity: out of memory");
	if (chain && sk_X509_num(chain) > 0 && !(id->chain = X509_chain_up_ref(chain))) {
		free(id);
		return ifgw_error_set(IFGW_ENOMEM, "identity: out of memory");
	}
	EVP_PKEY_up_ref(key);
	X509_up_ref(cert);
	id->key = key;
	id->cert = cert;
	*out = id;
	return IFGW_OK;
}

int ifgw_identity_load(struct ifgw_identity **out, const char *key_pem_path, const char *cert_pem_path)
{
	struct ifgw_identity *id = NULL;
	STACK_OF(X509) *certs = NULL;
	EVP_PKEY *key = NULL;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(key_pem_path);
	IFGW_ASSERT_ARG(cert_pem_path);

	*out = NULL;
	if ((rc = read_key(&key, key_pem_path)) != IFGW_OK)
		goto out;
	if ((rc = ifgw_cert_read_pem(&certs, cert_pem_path)) != IFGW_OK)
		goto out;
	if ((rc = check_match(key, sk_X509_value(certs, 0), key_pem_path)) != IFGW_OK)
		goto out;
	if (!(id = calloc(1, sizeof(*id)))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "identity: out of memory");
		goto out;
	}
	id->cert = sk_X509_shift(certs); /* the leaf comes first; the rest is the chain */
	id->key = key;
	key = NULL; /* owned by id */
	if (sk_X509_num(certs) > 0) {
		id->chain = certs;
		certs = NULL; /* owned by id */
	}
	*out = id;
out:
	EVP_PKEY_free(key);
	sk_X509_pop_free(certs, X509_free);
	return rc;
}

void ifgw_identity_free(struct ifgw_identity *id)
{
	if (!id)
		return;
	EVP_PKEY_free(id->key);
	X509_free(id->cert);
	sk_X509_pop_free(id->chain, X509_free);
	free(id);
}

EVP_PKEY *ifgw_identity_key(const struct ifgw_identity *id)
{
	return id->key;
}

X509 *ifgw_identity_cert(const struct ifgw_identity *id)
{
	return id->cert;
}

STACK_OF(X509) *ifgw_identity_chain(const struct ifgw_identity *id)
{
	return id->chain;
}
