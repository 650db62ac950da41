/* loopback.c: two nodes of one process exchange their outboxes
 * (loopback.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "gateway/node/inbound.h"
#include "gateway/node/loopback.h"
#include "gateway/store/store.h"

/* Record the attempt at row id in from's outbox, in a transaction of its own. */
static int mark(struct ifgw_store *s, int64_t id, enum ifgw_store_outbox_state state, int64_t now)
{
	int rc;

	if ((rc = ifgw_store_begin(s)) != IFGW_OK)
		return rc;
	if ((rc = ifgw_store_outbox_mark(s, id, state, now)) != IFGW_OK) {
		ifgw_store_rollback(s);
		return rc;
	}
	return ifgw_store_commit(s);
}

int ifgw_loopback_deliver(const struct ifgw_loopback_node *from, const struct ifgw_loopback_node *to, int64_t now,
			  struct ifgw_loopback_report *rep)
{
	struct ifgw_store_outbox_row *rows = NULL;
	struct ifgw_inbound_result res;
	struct ifgw_error before, refusal;
	const char *from_code, *to_code;
	size_t n = 0, i;
	int rc;

	if (!rep)
		return ifgw_error_set(IFGW_EINVAL, "loopback: no report");
	memset(rep, 0, sizeof(*rep));
	if (!from || !to || !from->book || !to->book || !from->snap || !to->snap)
		return ifgw_error_set(IFGW_EINVAL, "loopback: a node without its book or snapshot");
	from_code = ifgw_node_snapshot_config(from->snap)->code;
	to_code = ifgw_node_snapshot_config(to->snap)->code;
	if ((rc = ifgw_store_outbox_due(from->book->store, &rows, &n, now, 0)) != IFGW_OK)
		return ifgw_error_wrap(rc, "loopback %s -> %s", from_code, to_code);
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].partner, to_code) != 0)
			continue;
		/* a refusal is a result here, reported: not the caller's error */
		ifgw_error_save(&before);
		rc = ifgw_inbound_apply(to->book, to->snap, from_code, rows[i].payload, rows[i].payload_len, now, &res);
		if (rc != IFGW_OK && !res.reason[0])
			goto out; /* not a refusal: the receiver could not work */
		ifgw_error_save(&refusal);
		ifgw_error_restore(&before);
		if (rc != IFGW_OK) {
			rep->refused++;
			snprintf(rep->msg_id, sizeof(rep->msg_id), "%s", rows[i].msg_id);
			snprintf(rep->reason, sizeof(rep->reason), "%s", res.reason);
			if ((rc = mark(from->book->store, rows[i].id, IFGW_OUTBOX_FAILED, now)) != IFGW_OK)
				goto out;
			break; /* the corridor stops at its first refusal */
		}
		rep->delivered++;
		rep->duplicates += res.duplicate != 0;
		if ((rc = mark(from->book->store, rows[i].id, IFGW_OUTBOX_SENT, now)) != IFGW_OK)
			goto out;
	}
	rc = IFGW_OK;
out:
	if (rc != IFGW_OK)
		rc = ifgw_error_wrap(rc, "loopback %s -> %s", from_code, to_code);
	ifgw_store_outbox_rows_free(rows, n);
	return rc;
}
