/* ack.c: the signed acknowledgement of a received message (ack.h). */
#include "config.h"

#include <string.h>

#include <openssl/evp.h>

#include "base/date.h"
#include "base/error.h"
#include "base/result.h"
#include "base/xml_escape.h"
#include "gateway/node/ack.h"
#include "model/codes.h"

#define ACK_TEXT_MAX ((size_t)64 << 10)

const char *ifgw_ack_outcome(int rc, const struct ifgw_inbound_result *res)
{
	if (rc != IFGW_OK || !res || !res->accepted)
		return "rejected";
	return res->duplicate ? "duplicate" : "accepted";
}

const char *ifgw_ack_field(int rc)
{
	switch (rc) {
	case IFGW_ETRUST:
		return "signature";
	case IFGW_EPARSE:
		return "document";
	case IFGW_EINVAL:
		return "header";
	case IFGW_ESTATE:
	case IFGW_EUNSUPPORTED:
		return "books";
	default:
		return "service";
	}
}

static int add_attr(struct ifgw_buf *b, const char *name, const char *v)
{
	int rc;

	if ((rc = ifgw_buf_addf(b, " %s=\"", name)) != IFGW_OK ||
	    (rc = ifgw_xml_escape_attr(b, v, strlen(v))) != IFGW_OK)
		return rc;
	return ifgw_buf_addc(b, '"');
}

static int add_elem(struct ifgw_buf *b, const char *name, const char *v)
{
	int rc;

	if ((rc = ifgw_buf_addf(b, "  <%s>", name)) != IFGW_OK ||
	    (rc = ifgw_xml_escape_text(b, v, strlen(v))) != IFGW_OK)
		return rc;
	return ifgw_buf_addf(b, "</%s>\n", name);
}

int ifgw_ack_write(struct ifgw_buf *out, const struct ifgw_signer *signer, const char *self, const char *partner,
		   int rc_in, const struct ifgw_inbound_result *res, const void *wire, size_t len, int64_t now)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	char at[IFGW_DATETIME_STRLEN], sum[2 * EVP_MAX_MD_SIZE + 1];
	const char *outcome = ifgw_ack_outcome(rc_in, res), *type = res ? ifgw_msg_type_name(res->type) : NULL;
	struct ifgw_buf b;
	int rc;

	IFGW_ASSERT_ARG(out && signer && self && partner && (wire || !len));
	ifgw_buf_init(&b, ACK_TEXT_MAX);
	if (!EVP_Digest(wire, len, md, &mdlen, EVP_sha256(), NULL)) {
		rc = ifgw_error_set(IFGW_ENOMEM, "acknowledgement: SHA-256 failed");
		goto out;
	}
	for (i = 0; i < mdlen; i++) {
		sum[2 * i] = hex[md[i] >> 4];
		sum[2 * i + 1] = hex[md[i] & 15];
	}
	sum[2 * mdlen] = '\0';
	ifgw_datetime_format(now, at);
	if ((rc = ifgw_buf_addstr(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" IFGW_ACK_ROOT
				      " xmlns=\"" IFGW_ACK_NS "\" version=\"1\">\n")) != IFGW_OK ||
	    (rc = add_elem(&b, "From", self)) != IFGW_OK || (rc = add_elem(&b, "To", partner)) != IFGW_OK ||
	    (rc = add_elem(&b, "Created", at)) != IFGW_OK || (rc = ifgw_buf_addstr(&b, "  <Message")) != IFGW_OK ||
	    (res && res->msg_id[0] && (rc = add_attr(&b, "id", res->msg_id)) != IFGW_OK) ||
	    (type && res->type && (rc = add_attr(&b, "type", type)) != IFGW_OK) ||
	    (rc = add_attr(&b, "sha256", sum)) != IFGW_OK || (rc = ifgw_buf_addstr(&b, "/>\n")) != IFGW_OK ||
	    (rc = add_elem(&b, "Outcome", outcome)) != IFGW_OK)
		goto out;
	if (!strcmp(outcome, "rejected") &&
	    ((rc = ifgw_buf_addstr(&b, "  <Reason")) != IFGW_OK ||
	     (rc = add_attr(&b, "field", ifgw_ack_field(rc_in))) != IFGW_OK ||
	     (rc = add_attr(&b, "code", ifgw_result_name(rc_in == IFGW_OK ? IFGW_ESTATE : rc_in))) != IFGW_OK ||
	     (rc = ifgw_buf_addc(&b, '>')) != IFGW_OK ||
	     (rc = ifgw_xml_escape_text(&b, res && res->reason[0] ? res->reason : "refused",
					strlen(res && res->reason[0] ? res->reason : "refused"))) != IFGW_OK ||
	     (rc = ifgw_buf_addstr(&b, "</Reason>\n")) != IFGW_OK))
		goto out;
	if ((rc = ifgw_buf_addstr(&b, "</" IFGW_ACK_ROOT ">\n")) != IFGW_OK)
		goto out;
	rc = ifgw_dsig_sign_bytes(out, b.ptr, b.len, "acknowledgement", &ifgw_dsig_place_root, signer);
out:
	ifgw_buf_free(&b);
	return rc;
}
