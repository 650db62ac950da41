/* store_fill.c: a store with a few messages each way, through the store's
 * interface, for tests/integration/messages_cli.sh (until the commands that
 * queue and receive messages fill one themselves).
 *
 *   store_fill URI
 *
 * 2027-01-04T09:00:00Z  out  DE00123  COVER_REQUEST     FR00001-DE00123-1  (then sent)
 * 2027-01-04T10:00:00Z  in   DE00123  COVER_RESPONSE    DE00123-FR00001-1
 * 2027-01-05T08:00:00Z  out  DE00123  ASSIGNMENT_BATCH  FR00001-DE00123-2  (bytes: NUL, 0xFF, CR LF)
 * 2027-01-05T08:00:00Z  out  IT00789  COVER_REQUEST     FR00001-IT00789-1
 * 2027-01-05T08:00:00Z  in   IT00789  COVER_RESPONSE    DE00123-FR00001-1  (the same id, another sender) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/error.h"
#include "gateway/store/store.h"

static const unsigned char batch[] = { '<', 'B', '>', 0, 0xFF, '\r', '\n', '<', '/', 'B', '>' };

static int at(const char *when)
{
	int64_t t;
	int rc;

	if ((rc = ifgw_datetime_parse(&t, when)) == IFGW_OK)
		ifgw_clock_set(t);
	return rc;
}

static int out(struct ifgw_store *s, int64_t *id, const char *partner, const char *type, const char *msg_id,
	       const void *payload, size_t len)
{
	struct ifgw_store_outbound m;

	memset(&m, 0, sizeof(m));
	snprintf(m.partner, sizeof(m.partner), "%s", partner);
	snprintf(m.type, sizeof(m.type), "%s", type);
	snprintf(m.msg_id, sizeof(m.msg_id), "%s", msg_id);
	m.next_attempt = ifgw_clock_now();
	m.payload = payload;
	m.payload_len = len;
	return ifgw_store_outbox_put(s, id, &m);
}

static int in(struct ifgw_store *s, const char *sender, const char *type, const char *msg_id, uint64_t seq,
	      const char *payload)
{
	struct ifgw_store_inbound m;
	enum ifgw_store_apply status;

	memset(&m, 0, sizeof(m));
	snprintf(m.sender, sizeof(m.sender), "%s", sender);
	snprintf(m.type, sizeof(m.type), "%s", type);
	snprintf(m.msg_id, sizeof(m.msg_id), "%s", msg_id);
	snprintf(m.outcome, sizeof(m.outcome), "%s", "applied");
	m.seq = seq;
	m.payload = (const unsigned char *)payload;
	m.payload_len = strlen(payload);
	return ifgw_store_inbox_apply_once(s, &status, &m);
}

int main(int argc, char **argv)
{
	static const char request[] = "<CoverRequest>DE</CoverRequest>\n", italy[] = "<CoverRequest>IT</CoverRequest>";
	struct ifgw_store *s = NULL;
	int64_t first = 0;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: store_fill URI\n");
		return 2;
	}
	rc = ifgw_store_open(&s, argv[1], NULL, 0);
	if (rc == IFGW_OK && (rc = at("2027-01-04T09:00:00Z")) == IFGW_OK && (rc = ifgw_store_begin(s)) == IFGW_OK &&
	    (rc = out(s, &first, "DE00123", "COVER_REQUEST", "FR00001-DE00123-1", request, strlen(request))) == IFGW_OK)
		rc = ifgw_store_commit(s);
	if (rc == IFGW_OK && (rc = at("2027-01-04T10:00:00Z")) == IFGW_OK && (rc = ifgw_store_begin(s)) == IFGW_OK &&
	    (rc = in(s, "DE00123", "COVER_RESPONSE", "DE00123-FR00001-1", 1, "<CoverResponse>DE</CoverResponse>")) ==
		    IFGW_OK)
		rc = ifgw_store_commit(s);
	if (rc == IFGW_OK && (rc = at("2027-01-05T08:00:00Z")) == IFGW_OK && (rc = ifgw_store_begin(s)) == IFGW_OK &&
	    (rc = out(s, NULL, "DE00123", "ASSIGNMENT_BATCH", "FR00001-DE00123-2", batch, sizeof(batch))) == IFGW_OK &&
	    (rc = out(s, NULL, "IT00789", "COVER_REQUEST", "FR00001-IT00789-1", italy, strlen(italy))) == IFGW_OK &&
	    (rc = in(s, "IT00789", "COVER_RESPONSE", "DE00123-FR00001-1", 1, "<CoverResponse>IT</CoverResponse>")) ==
		    IFGW_OK &&
	    (rc = ifgw_store_outbox_mark(s, first, IFGW_OUTBOX_SENT, 0)) == IFGW_OK)
		rc = ifgw_store_commit(s);
	if (rc != IFGW_OK)
		fprintf(stderr, "store_fill: %s\n", ifgw_error_last());
	ifgw_store_close(s);
	return rc == IFGW_OK ? 0 : 1;
}
