/* cmd_sign.c: ifgw sign | ifgw verify — XML signatures on the strict profile
 * (certs/xmldsig.h) from the command line.
 *
 *   ifgw sign --key KEY --cert CERT [--out FILE] [--place P] FILE
 *   ifgw verify --trust CERT_OR_DIR [--quiet] [--place P] FILE
 *
 * The place the signature lives in is detected from the document's root
 * (edifactoring namespace, ifgw BizMsg envelope with AppHdr, tsin.006-013
 * Document, else the root) unless --place names it.  verify exits 0 only
 * for a valid signature by a certificate of the trust, and says why not in
 * one line otherwise. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>
#include <openssl/x509.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/file.h"
#include "certs/cert.h"
#include "certs/identity.h"
#include "certs/trust.h"
#include "certs/xmldsig.h"
#include "base/xml.h"
#include "cli/cli.h"

/* The signed message: the input's cap plus room for the Signature. */
#define SIGN_WIRE_MAX (IFGW_XML_MAX_BYTES_DEFAULT + ((size_t)64 << 10))

enum { OPT_KEY = 1, OPT_CERT, OPT_OUT, OPT_PLACE, OPT_TRUST, OPT_QUIET, OPT_HELP };

static const char place_help[] =
	"  --place P        where the one Signature lives: auto (default: from the root\n"
	"                   element), edifactoring (last child of the MSGnn root), apphdr\n"
	"                   (AppHdr/Sgntr of an <ifgw:BizMsg> envelope), tsin\n"
	"                   (Hdr/DgtlSgntr/Sgntr of a tsin.006-013 Document) or root\n";

/* NULL place for "auto"; usage error for an unknown name. */
static enum ifgw_exit place_parse(const struct ifgw_dsig_place **out, const char *what, const char *name)
{
	*out = NULL;
	if (strcmp(name, "auto") == 0)
		return IFGW_EXIT_OK;
	if (!(*out = ifgw_dsig_place_by_name(name)))
		return ifgw_cli_usage_error(what, "--place '%s': not auto, edifactoring, apphdr, tsin or root", name);
	return IFGW_EXIT_OK;
}

/* `ifgw sign` signs with the certificate it is given, so that tests can make
 * the messages a partner must refuse; it says so when a partner trusting
 * exactly this certificate would refuse it (weak key or signature, CA:TRUE,
 * no signing usage, out of its dates). */
#define SELF_PREFIX "partner this node: "

static void warn_if_partners_refuse(const char *what, const struct ifgw_identity *id)
{
	struct ifgw_error kept;
	struct ifgw_trust *self = NULL;
	const char *reason;
	X509 *cert = ifgw_identity_cert(id);

	if (ifgw_trust_new(&self, "this node") == IFGW_OK && ifgw_trust_add_cert(self, cert) == IFGW_OK &&
	    ifgw_trust_check(self, cert, IFGW_TRUST_SIGNING) == IFGW_OK)
		goto out;
	ifgw_error_save(&kept);
	reason = kept.message;
	if (strncmp(reason, SELF_PREFIX, strlen(SELF_PREFIX)) == 0)
		reason += strlen(SELF_PREFIX);
	fprintf(stderr, "%s: warning: signed, but a partner trusting this certificate refuses it: %s\n", what, reason);
out:
	ifgw_trust_free(self);
}

static void sign_usage(FILE *f)
{
	fprintf(f,
		"usage: ifgw sign --key KEY --cert CERT [--out FILE] [--place P] FILE\n\n"
		"Sign an XML message on the strict profile: one enveloped Signature, Reference\n"
		"URI=\"\", enveloped-signature + exclusive C14N, SHA-256, ECDSA P-256 or RSA-SHA256,\n"
		"the certificate in KeyInfo.  The message keeps its encoding (a Shift_JIS\n"
		"message stays Shift_JIS).  FILE '-' reads standard input.\n\n"
		"  --key KEY        PEM private key (mode 0600 or stricter)\n"
		"  --cert CERT      PEM certificate of that key (then any intermediates)\n"
		"  --out FILE       write the signed message there (atomically), not to stdout\n"
		"%s",
		place_help);
}

enum ifgw_exit ifgw_cmd_sign(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"key", required_argument, NULL, OPT_KEY},   {"cert", required_argument, NULL, OPT_CERT},
		{"out", required_argument, NULL, OPT_OUT},   {"place", required_argument, NULL, OPT_PLACE},
		{"help", no_argument, NULL, OPT_HELP},       {NULL, 0, NULL, 0},
	};
	const char *what = "sign", *key = NULL, *cert = NULL, *out = NULL, *file;
	const struct ifgw_dsig_place *place = NULL;
	struct ifgw_identity *id = NULL;
	struct ifgw_signer *signer = NULL;
	struct ifgw_buf in, wire;
	enum ifgw_exit ret = IFGW_EXIT_FAIL;
	int opt;

	ifgw_buf_init(&in, 0);
	ifgw_buf_init(&wire, SIGN_WIRE_MAX);
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_KEY:
			key = optarg;
			break;
		case OPT_CERT:
			cert = optarg;
			break;
		case OPT_OUT:
			out = optarg;
			break;
		case OPT_PLACE:
			if ((ret = place_parse(&place, what, optarg)) != IFGW_EXIT_OK)
				goto out;
			break;
		case OPT_HELP:
			sign_usage(stdout);
			ret = IFGW_EXIT_OK;
			goto out;
		default:
			ret = ifgw_cli_bad_option(what, argv, OPT_HELP);
			goto out;
		}
	}
	if (!key || !cert) {
		ret = ifgw_cli_usage_error(what, "--key and --cert are required");
		goto out;
	}
	if (optind + 1 != argc) {
		ret = optind == argc ? ifgw_cli_usage_error(what, "which file? give one FILE")
				     : ifgw_cli_usage_error(what, "unexpected argument '%s'", argv[optind + 1]);
		goto out;
	}
	file = argv[optind];
	if (ifgw_identity_load(&id, key, cert) != IFGW_OK || ifgw_signer_new(&signer, id) != IFGW_OK ||
	    ifgw_xml_read_file(&in, file, NULL) != IFGW_OK ||
	    ifgw_dsig_sign_bytes(&wire, ifgw_buf_cstr(&in), in.len, file, place, signer) != IFGW_OK)
		goto fail;
	warn_if_partners_refuse(what, id);
	if (out) {
		if (ifgw_file_write_atomic(out, wire.ptr, wire.len, 0644) != IFGW_OK)
			goto fail;
	} else if (fwrite(wire.ptr, 1, wire.len, stdout) != wire.len || fflush(stdout) != 0) {
		ifgw_error_set(IFGW_EIO, "standard output: write failed");
		goto fail;
	}
	ret = IFGW_EXIT_OK;
	goto out;
fail:
	ret = ifgw_cli_fail(what);
out:
	ifgw_signer_free(signer);
	ifgw_identity_free(id);
	ifgw_buf_free(&in);
	ifgw_buf_free(&wire);
	return ret;
}

static void verify_usage(FILE *f)
{
	fprintf(f,
		"usage: ifgw verify --trust CERT_OR_DIR [--quiet] [--place P] FILE\n\n"
		"Verify a signed XML message against one partner's certificates, on the strict\n"
		"profile: hardened parse (no DTD, no network, 16 MiB, depth 128), exactly one\n"
		"Signature at its place, exactly the profile's algorithms, digest, signature\n"
		"with a trusted key (KeyInfo only picks which), then the certificate's\n"
		"validity, revocation and pins.  Prints the signer's subject and exits 0 when\n"
		"valid; prints the reason on one line and exits 1 otherwise.\n\n"
		"  --trust PATH     a PEM file, or a directory of *.pem / *.crt files, holding\n"
		"                   the partner's signing certificates\n"
		"  --quiet          print nothing on success (the exit status says it)\n"
		"%s",
		place_help);
}

enum ifgw_exit ifgw_cmd_verify(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"trust", required_argument, NULL, OPT_TRUST}, {"quiet", no_argument, NULL, OPT_QUIET},
		{"place", required_argument, NULL, OPT_PLACE}, {"help", no_argument, NULL, OPT_HELP},
		{NULL, 0, NULL, 0},
	};
	const char *what = "verify", *trust_path = NULL, *file;
	const struct ifgw_dsig_place *place = NULL;
	struct ifgw_dsig_verify_options vo = {NULL, 0, 0};
	struct ifgw_trust *trust = NULL;
	struct ifgw_buf in;
	char subject[IFGW_CERT_NAME_MAX];
	xmlDoc *doc = NULL;
	X509 *signer = NULL;
	enum ifgw_exit ret = IFGW_EXIT_FAIL;
	int opt, quiet = 0;

	ifgw_buf_init(&in, 0);
	ifgw_cli_getopt_reset();
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_TRUST:
			trust_path = optarg;
			break;
		case OPT_QUIET:
			quiet = 1;
			break;
		case OPT_PLACE:
			if ((ret = place_parse(&place, what, optarg)) != IFGW_EXIT_OK)
				goto out;
			break;
		case OPT_HELP:
			verify_usage(stdout);
			ret = IFGW_EXIT_OK;
			goto out;
		default:
			ret = ifgw_cli_bad_option(what, argv, OPT_HELP);
			goto out;
		}
	}
	if (!trust_path) {
		ret = ifgw_cli_usage_error(what, "--trust is required");
		goto out;
	}
	if (optind + 1 != argc) {
		ret = optind == argc ? ifgw_cli_usage_error(what, "which file? give one FILE")
				     : ifgw_cli_usage_error(what, "unexpected argument '%s'", argv[optind + 1]);
		goto out;
	}
	file = argv[optind];
	vo.name = file;
	if (ifgw_trust_load_path(&trust, trust_path) != IFGW_OK || ifgw_xml_read_file(&in, file, NULL) != IFGW_OK ||
	    ifgw_dsig_verify(&doc, &signer, ifgw_buf_cstr(&in), in.len, place, trust, &vo) != IFGW_OK)
		goto fail;
	if (!quiet) {
		ifgw_cert_subject(subject, signer);
		printf("%s: valid signature by %s\n", file, subject);
	}
	ret = IFGW_EXIT_OK;
	goto out;
fail:
	ret = ifgw_cli_fail(what);
out:
	xmlFreeDoc(doc);
	ifgw_trust_free(trust);
	ifgw_buf_free(&in);
	return ret;
}
