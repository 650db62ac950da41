/* edifactoring_int.h: internals of the FCI edifactoring adapter (not for use
 * outside adapters/edifactoring/ and its tests; the rest of ifgw uses
 * `ifgw_adapter_edifactoring` through adapters/adapter.h).
 *
 * The wire: one XML document per message, root <MSGnn> in the default
 * namespace urn:schemas-edifactoring-com:MSGnn, MsgInfo / EF / IF header,
 * the element order of the FCI tables (docs/adapters.md has the mapping).
 * Encoding writes the XML into a capped buffer (no DOM: MSG09 is on the
 * ingest-to-wire hot path) with sticky errors; decoding parses with libxml2
 * (hardened), walks the tree strictly in order, then validates against the
 * XSD of the message (adapters/edifactoring/schema/MSGnn.xsd). */
#ifndef IFGW_ADAPTERS_EDIFACTORING_INT_H
#define IFGW_ADAPTERS_EDIFACTORING_INT_H

#ifndef IFGW_EDIFACTORING_INTERNAL
#error "edifactoring_int.h is private to adapters/edifactoring/: use adapters/adapter.h"
#endif

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "adapters/adapter.h"
#include "base/buf.h"
#include "model/model.h"

#define EDI_NS_PREFIX          "urn:schemas-edifactoring-com:"
/* ifgw's own messages (no FCI meaning): their own namespace and roots, so
 * no partner's FCI validator mistakes them for an FCI message */
#define EDI_EXT_NS             "urn:ifgw:edifactoring-ext:1"
#define EDI_NN_BATCH_STATUS    90 /* IfgwBatchStatus: the answer to a MSG09 (was a MSG09 reply) */
#define EDI_NN_POSITION        27 /* IfgwPositionStatement (was MSG27) */
#define EDI_SCHEMA_DIR         "adapters/edifactoring/schema/"
#define EDI_VERSION            "1.0"
#define EDI_MAX_ITEMS          999         /* M..999 repeating groups */
#define EDI_WIRE_MAX           (16u << 20) /* largest wire message read or written */
#define EDI_DEPTH_MAX          8           /* element nesting of the deepest message */
#define EDI_CREATED_BY_DEFAULT "ifgw"      /* CreatedBy is M AN..16: written when the message has none */
#define EDI_REVISION_ORIG_REQ  "0"         /* MSG08 OrigReqNr of an IF-initiated revision */

extern const struct ifgw_adapter ifgw_adapter_edifactoring;

/* ===== codes and mappings (edi_codes.c) ===== */

/* The MSGnn number a canonical message is written as (1, 5, 6 ... 27), or 0
 * when edifactoring does not carry its type. */
int ifgw_edi_msg_number(const struct ifgw_msg *m);
/* 1 when nn is a message number this adapter reads. */
int ifgw_edi_number_known(int nn);
/* The root element of ifgw's own message nn (in EDI_EXT_NS:
 * "IfgwBatchStatus"), NULL for an FCI MSGnn; and back (0: not ours). */
const char *ifgw_edi_ext_root(int nn);
int ifgw_edi_ext_number(const char *root);

/* Who the sender is when the header does not say (ifgw_msg_sender_role of
 * the type; the partner factor (IF) for a position report); 0 when the
 * type goes either way (disputes) and the header must say. */
int ifgw_edi_default_role(int type);

/* A set of allowed FCI code values, for one element of one message. */
struct edi_codes {
	const char *list; /* FCI code list name, for messages: "DocumentType" */
	const int *values;
	size_t n;
};
int ifgw_edi_code_allowed(const struct edi_codes *c, int v);

extern const struct edi_codes ifgw_edi_cl_function01, ifgw_edi_cl_function05, ifgw_edi_cl_function06, ifgw_edi_cl_function07,
	ifgw_edi_cl_function10, ifgw_edi_cl_service, ifgw_edi_cl_direct_contact, ifgw_edi_cl_request05, ifgw_edi_cl_request07, ifgw_edi_cl_response06,
	ifgw_edi_cl_response08, ifgw_edi_cl_reason, ifgw_edi_cl_doctype09, ifgw_edi_cl_doctype14, ifgw_edi_cl_doctype16, ifgw_edi_cl_pay_condition,
	ifgw_edi_cl_doc_paid11, ifgw_edi_cl_doc_paid12, ifgw_edi_cl_doc_paid13, ifgw_edi_cl_pay_type, ifgw_edi_cl_dispute_reason, ifgw_edi_cl_action,
	ifgw_edi_cl_dispute_status, ifgw_edi_cl_instruction, ifgw_edi_cl_msg_type16, ifgw_edi_cl_pay_method, ifgw_edi_cl_pay_channel,
	ifgw_edi_cl_batch_status, ifgw_edi_cl_doc_status;

/* Defaults the canonical model leaves to the adapter (0 = "adapter's
 * default" in the model). */
#define EDI_DEFAULT_FUNCTION05 5              /* MSG05 MsgFunction: ordinary (revolving) cover */
#define EDI_DEFAULT_REQUEST05  2              /* MSG05 Request: ordinary request */
int ifgw_edi_default_reply_function(int decision); /* MSG06 MsgFunction: 7 for a cancellation, else 8 */

/* MSG07 Request <-> cover kind: the default code of a kind, and the kind
 * a code means (0 when the code is unknown). */
int ifgw_edi_request07_code(int kind);
int ifgw_edi_request07_kind(int code);
/* MSG06 / MSG08 Response <-> decision (nn = 6 or 8). */
int ifgw_edi_response_code(int nn, int decision);
int ifgw_edi_response_decision(int nn, int code);
/* The request kind a decoded MSG08 is given: the wire does not carry it,
 * so it follows from the decision, the amounts and the expiry dates. */
int ifgw_edi_msg08_kind(const struct ifgw_cover_response *r);

/* The name to put in the XML declaration for an iconv charset name
 * ("SHIFT_JIS" -> "Shift_JIS"); the name itself when not in the table. */
const char *ifgw_edi_charset_xml_name(const char *charset);
/* 1 when two charset names mean the same (case, '-' and '_' ignored). */
int ifgw_edi_charset_same(const char *a, const char *b);

/* ===== writer primitives (edi_xmlw.c) ===== */

struct edi_w {
	struct ifgw_buf *out;     /* UTF-8 XML being built */
	const char *charset;      /* wire charset (iconv name) */
	int utf8;                 /* the wire is UTF-8: no charset checks */
	int translit;             /* transliteration allowed */
	const uint8_t *ascii_bad; /* [128]: 1 = this ASCII character does not survive the charset */
	char msg[32];             /* "MSG09", "IfgwBatchStatus": the first path element */
	int depth;
	struct {
		const char *name;
		size_t idx; /* 1.. for repeated elements, 0 otherwise */
	} path[EDI_DEPTH_MAX];
	int rc; /* first error; every call is a no-op once it is set */
	struct {
		const char *s; /* a value of the message (stable while it is encoded) */
		size_t len;
	} checked[64]; /* non-ASCII values already found to survive the charset */
};

/* Start a document for message nn: declaration in the wire charset, root
 * element with its namespace.  IFGW_EUNSUPPORTED when iconv does not know
 * the charset or it cannot carry the XML markup. */
int ifgw_edi_w_begin(struct edi_w *w, struct ifgw_buf *out, int nn, const struct ifgw_adapter_env *env);
/* Close the root; return w->rc. */
int ifgw_edi_w_end(struct edi_w *w);

/* Record an error at path/name (name may be NULL): "MSG09/Seller/SellerNr: ...". */
void ifgw_edi_w_fail(struct edi_w *w, int code, const char *name, const char *fmt, ...) IFGW_PRINTF(4, 5);
/* Fail "path/name: required by MSGnn, missing (canonical: what)" unless present. */
void ifgw_edi_w_need(struct edi_w *w, const char *name, int present, const char *what);

void ifgw_edi_w_open(struct edi_w *w, const char *name);
void ifgw_edi_w_open_item(struct edi_w *w, const char *name, size_t idx);
void ifgw_edi_w_close(struct edi_w *w);

/* Leaf elements; absent values (model conventions) write nothing. */
void ifgw_edi_w_text(struct edi_w *w, const char *name, const char *v, size_t max_chars);
void ifgw_edi_w_text_req(struct edi_w *w, const char *name, const char *v, size_t max_chars, const char *what);
void ifgw_edi_w_uint(struct edi_w *w, const char *name, uint64_t v, int digits);
void ifgw_edi_w_int(struct edi_w *w, const char *name, int32_t v, int digits);             /* IFGW_INT_NONE: absent */
void ifgw_edi_w_code(struct edi_w *w, const char *name, int v, const struct edi_codes *c); /* 0: absent */
void ifgw_edi_w_date(struct edi_w *w, const char *name, int32_t d);
void ifgw_edi_w_datetime(struct edi_w *w, const char *name, int64_t t);
void ifgw_edi_w_amount(struct edi_w *w, const char *name, const struct ifgw_money *m, int signed_ok);
void ifgw_edi_w_pct(struct edi_w *w, const char *name, int32_t pct);
void ifgw_edi_w_ccy(struct edi_w *w, const char *name, const struct ifgw_currency *c);
/* An element with an attribute and text: <name attr="aval">text</name>. */
void ifgw_edi_w_attr_text(struct edi_w *w, const char *name, const char *attr, const char *aval, const char *text,
		     size_t max_chars);
/* Party name over two AN..35 elements (SellerName + NameCont): split at the
 * last space that keeps the first part within 35 characters. */
void ifgw_edi_w_name(struct edi_w *w, const char *name, const char *v, int required, const char *what);
/* Join address lines into the one Street element ("line1, line2"). */
void ifgw_edi_street_join(char *out, size_t size, const char (*lines)[IFGW_LINE_SIZE], size_t n);

/* ===== reader primitives (edi_xmlr.c) ===== */

struct edi_r {
	xmlDocPtr doc;
	const char *ns; /* the root's namespace, every element's */
	char msg[32];
	int depth;
	struct {
		const char *name;
		size_t idx;
	} path[EDI_DEPTH_MAX];
	int rc; /* first error; every call is a no-op once it is set */
};

/* Children of one element, consumed in order. */
struct edi_cur {
	xmlNodePtr next;
	xmlNodePtr parent;
};

/* An amount read before its currency is known (MSG01 ChargeBackAmt comes
 * before ChargeBackCurrency); resolved in the same group. */
struct edi_amt {
	xmlNodePtr node; /* NULL: absent */
	int signed_ok;
};

/* Parse wire bytes (declared charset checked against env, converted to
 * UTF-8, no network / DTD / entities, size cap); *doc is the caller's. */
int ifgw_edi_r_parse(xmlDocPtr *doc, const char *wire, size_t len, const struct ifgw_adapter_env *env);
/* Set up r on doc: root MSGnn in its namespace; *nn gets the number. */
int ifgw_edi_r_begin(struct edi_r *r, struct edi_cur *root, int *nn, xmlDocPtr doc);

void ifgw_edi_r_fail(struct edi_r *r, xmlNodePtr at, int code, const char *name, const char *fmt, ...) IFGW_PRINTF(5, 6);
/* A lower layer failed on the value of `name`: put the place in front of its message. */
void ifgw_edi_r_wrap(struct edi_r *r, xmlNodePtr at, int code, const char *name);

/* The next element if it is `name` (consumed), else NULL; when required and
 * missing, an error names what is there instead. */
xmlNodePtr ifgw_edi_r_el(struct edi_r *r, struct edi_cur *c, const char *name, int required);
/* 1 when the next element is `name` (not consumed). */
int ifgw_edi_r_peek(struct edi_r *r, struct edi_cur *c, const char *name);
/* Enter a group element (consumed); 1 when entered (then ifgw_edi_r_leave). */
int ifgw_edi_r_enter(struct edi_r *r, struct edi_cur *c, const char *name, int required, struct edi_cur *inner);
int ifgw_edi_r_enter_item(struct edi_r *r, struct edi_cur *c, const char *name, size_t idx, struct edi_cur *inner);
/* Step over the message's ds:Signature, the last child of the root. */
void ifgw_edi_r_signature(struct edi_r *r, struct edi_cur *c);
/* No element may follow in the group: leave it. */
void ifgw_edi_r_leave(struct edi_r *r, struct edi_cur *inner);

void ifgw_edi_r_text(struct edi_r *r, struct edi_cur *c, const char *name, int req, size_t max_chars, char *dst,
		size_t dst_size);
void ifgw_edi_r_uint(struct edi_r *r, struct edi_cur *c, const char *name, int req, int digits, uint64_t lo, uint64_t hi,
		uint64_t *dst);
void ifgw_edi_r_int(struct edi_r *r, struct edi_cur *c, const char *name, int req, int digits, int32_t lo, int32_t hi,
	       int32_t *dst);
void ifgw_edi_r_code(struct edi_r *r, struct edi_cur *c, const char *name, int req, const struct edi_codes *cl, int *dst);
void ifgw_edi_r_date(struct edi_r *r, struct edi_cur *c, const char *name, int req, int32_t *dst);
void ifgw_edi_r_datetime(struct edi_r *r, struct edi_cur *c, const char *name, int req, int64_t *dst);
void ifgw_edi_r_pct(struct edi_r *r, struct edi_cur *c, const char *name, int req, int32_t *dst);
void ifgw_edi_r_ccy(struct edi_r *r, struct edi_cur *c, const char *name, int req, const struct ifgw_currency **dst);
void ifgw_edi_r_amount(struct edi_r *r, struct edi_cur *c, const char *name, int req, int signed_ok,
		  const struct ifgw_currency *ccy, struct ifgw_money *dst);
void ifgw_edi_r_amount_later(struct edi_r *r, struct edi_cur *c, const char *name, int req, int signed_ok,
			struct edi_amt *a);
void ifgw_edi_r_amount_resolve(struct edi_r *r, const struct edi_amt *a, const struct ifgw_currency *ccy,
			  struct ifgw_money *dst);
/* SellerName + NameCont (or BuyerName ...) into one canonical name. */
void ifgw_edi_r_name(struct edi_r *r, struct edi_cur *c, const char *name, int req, char *dst, size_t dst_size);
/* "Wire total given != computed" on the element just read. */
void ifgw_edi_r_total_mismatch(struct edi_r *r, xmlNodePtr at, const char *name, const struct ifgw_money *given,
			  const struct ifgw_money *sum, const char *what);

/* ===== encode / decode of every message (ifgw_edi_encode.c, ifgw_edi_decode.c) ===== */

int ifgw_edi_encode(struct ifgw_buf *out, const struct ifgw_msg *m, const struct ifgw_adapter_env *env);
int ifgw_edi_decode(struct ifgw_msg **out, const char *wire, size_t len, const struct ifgw_adapter_env *env);

/* ===== schema (edi_schema.c) ===== */

/* Validate a parsed message against the XSD of MSGnn (compiled once). */
int ifgw_edi_schema_check(xmlDocPtr doc, int nn);
/* Parse and validate wire bytes (the adapter's validate). */
int ifgw_edi_validate(const char *wire, size_t len, const struct ifgw_adapter_env *env);
/* The compiled XSD of MSGnn (base/xsd.c's cache); IFGW_EUNSUPPORTED for a
 * number that has none. */
int ifgw_edi_schema_get(const struct ifgw_xsd **out, int nn);
/* Compile (or check, base/xsd.h) the XSD of every message: the adapter's
 * init, at start-up. */
int ifgw_edi_schema_init(enum ifgw_xsd_load how);

#endif
