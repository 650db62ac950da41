/* iso_int.h: internals of the ISO 20022 tsin adapter (adapters/iso20022/
 * only; the rest of ifgw uses `ifgw_adapter_iso20022` through adapter.h).
 * The shared parts are one concern per file: iso_schema.c (names, compiled
 * schemas, identifier patterns), iso_write.c (struct iso_w), iso_read.c
 * (the hardened parse and struct iso_r).
 *
 * The wire message is an envelope of ours holding the business application
 * header (head.001.001.02) and one tsin Document:
 *
 *     <BizMsg xmlns="urn:ifgw:envelope:1">
 *       <AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">...</AppHdr>
 *       <Document xmlns="urn:iso:std:iso:20022:tech:xsd:tsin.006.001.01">...</Document>
 *     </BizMsg>
 *
 * AppHdr and Document each validate against their official schema (the two
 * subtrees are validated separately; the envelope is checked in code).
 * Canonical fields that tsin has no element for travel in "remainder"
 * records: `Key=Value;Key=Value` text (values %-escaped) in the schema's
 * free-text slots, each slot starting with the marker "ifgw:"; see
 * docs/adapters.md for every mapping.
 *
 * Writing: struct iso_w appends indented XML to a capped buffer; the first
 * error sticks (later calls do nothing), so a codec writes a whole message
 * and checks w->rc once.  Reading: the document is parsed the hardened way,
 * validated, then walked with iso_r_*; every element read is marked, and
 * an element left unmarked at the end is refused (schema-valid, but not
 * part of ifgw's mapping). */
#ifndef IFGW_ADAPTERS_ISO_INT_H
#define IFGW_ADAPTERS_ISO_INT_H

#ifndef IFGW_ISO_INTERNAL
#error "iso_int.h is private to adapters/iso20022/: use adapters/adapter.h"
#endif

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "adapters/adapter.h"
#include "base/buf.h"
#include "model/model.h"

/* The adapter (iso_adapter.c), listed in adapters/registry.c. */
extern const struct ifgw_adapter ifgw_adapter_iso20022;

#define ISO_ENVELOPE_NS "urn:ifgw:envelope:1"
#define ISO_NS_PREFIX "urn:iso:std:iso:20022:tech:xsd:"
#define ISO_HEAD_VERSION "head.001.001.02"
/* ifgw's own document for ISO 20022 partners (no ISO message has its
 * meaning): its own namespace and MsgDefIdr, never urn:iso:... */
#define ISO_IFGW_POS_MSGDEF "ifgw.pos.001.01"
#define ISO_IFGW_POS_NS "urn:ifgw:iso20022-ext:pos.001.01"
#define ISO_MARKER "ifgw:"       /* first characters of every remainder slot */
#define ISO_MARKET_PRACTICE "ifgw" /* AppHdr/MktPrctc/Regy of our messages */
#define ISO_WIRE_MAX (32u << 20)  /* largest wire message read */

/* The schemas the adapter reads and writes (adapters/iso20022/schema/). */
enum iso_schema {
	ISO_HEAD = 0,
	ISO_TSIN001, /* InvcFincgReq */
	ISO_TSIN002, /* InvcFincgReqSts */
	ISO_TSIN003, /* InvcFincgCxlReq */
	ISO_TSIN006, /* InvcAssgnmtReq */
	ISO_TSIN007, /* InvcAssgnmtSts */
	ISO_TSIN008, /* InvcAssgnmtNtfctn */
	ISO_TSIN009, /* PtyRegnAndGrntReq */
	ISO_TSIN010, /* PtyRegnAndGrntSts */
	ISO_IFGW_POS, /* IfgwPosStmt: ifgw's own document, not an ISO message */
	ISO_SCHEMA_COUNT
};

struct ifgw_iso_schema_info {
	const char *msgdef; /* "tsin.006.001.01" (MsgDefIdr, file name) */
	const char *root;   /* "InvcAssgnmtReq": the Document's child */
	const char *label;  /* "tsin.006" in messages */
	const char *ns;     /* the Document's namespace */
};

/* Names of a schema; NULL out of range. */
const struct ifgw_iso_schema_info *ifgw_iso_schema_info(int schema);
/* The schema whose MsgDefIdr is `msgdef`, or -1. */
int ifgw_iso_schema_by_msgdef(const char *msgdef);

/* Validate the element subtree `root` against a schema (compiled once,
 * cached for the process).  Errors name the line and the element path. */
int ifgw_iso_schema_validate(int schema, xmlNodePtr root);
/* Compile (or check, base/xsd.h) every schema: the adapter's init, at
 * start-up. */
int ifgw_iso_schema_init(enum ifgw_xsd_load how);

/* Hardened parse of wire bytes: size cap, UTF-8 only, no DOCTYPE, no
 * network, no entity expansion, libxml2's depth limit. */
int ifgw_iso_parse(xmlDocPtr *out, const char *data, size_t len);

struct iso_r;
struct iso_kv;

/* --- writing */

struct iso_w {
	struct ifgw_buf *out;
	const struct ifgw_adapter_env *env;
	const char *label;   /* "tsin.006": names the format in errors */
	char path[256];      /* canonical path of what is being written ("CoverRequest/Buyer") */
	int depth;
	int rc;              /* first error; every call is a no-op once set */
};

void ifgw_iso_w_init(struct iso_w *w, struct ifgw_buf *out, const struct ifgw_adapter_env *env, const char *label,
		const char *root);
/* Append "/" + name (printf-style) to w->path; returns the length to pop to. */
size_t ifgw_iso_w_push(struct iso_w *w, const char *fmt, ...) IFGW_PRINTF(2, 3);
void ifgw_iso_w_pop(struct iso_w *w, size_t saved);
/* Record an error for the canonical field `field` (under w->path). */
void ifgw_iso_w_fail(struct iso_w *w, int code, const char *field, const char *fmt, ...) IFGW_PRINTF(4, 5);

void ifgw_iso_w_open(struct iso_w *w, const char *tag);
void ifgw_iso_w_open_ns(struct iso_w *w, const char *tag, const char *ns);
void ifgw_iso_w_close(struct iso_w *w, const char *tag);
/* <tag>text</tag> with text escaped, no checks (codes, numbers, ids we make). */
void ifgw_iso_w_leaf(struct iso_w *w, const char *tag, const char *text);
/* <tag>value</tag> unless value is "": at most max chars (the schema's
 * MaxNText) and at most `limit` chars when limit != 0 (the partner's
 * profile); `field` names the canonical field in errors. */
void ifgw_iso_w_text(struct iso_w *w, const char *tag, const char *value, size_t max, size_t limit,
		const char *field);
/* The checks of ifgw_iso_w_text without writing; 1 when the value may be written. */
int ifgw_iso_w_check_text(struct iso_w *w, const char *tag, const char *value, size_t max, size_t limit,
		     const char *field);
/* Like ifgw_iso_w_text for a value that must be given. */
void ifgw_iso_w_text_req(struct iso_w *w, const char *tag, const char *value, size_t max, size_t limit,
		    const char *field);
void ifgw_iso_w_date(struct iso_w *w, const char *tag, int32_t date);   /* skipped when NONE */
void ifgw_iso_w_datetime(struct iso_w *w, const char *tag, int64_t t);  /* skipped when NONE */
void ifgw_iso_w_amount(struct iso_w *w, const char *tag, const struct ifgw_money *m); /* skipped when no ccy */
/* <tag Ccy="code">text</tag> as given (fillers). */
void ifgw_iso_w_amount_raw(struct iso_w *w, const char *tag, const char *code, const char *text);
void ifgw_iso_w_pct(struct iso_w *w, const char *tag, int32_t pct);     /* skipped when NONE */
void ifgw_iso_w_uint(struct iso_w *w, const char *tag, uint64_t v);
/* Text cut into pieces of at most max characters, one <tag> each (Max105Text
 * reason lists). */
void ifgw_iso_w_text_pieces(struct iso_w *w, const char *tag, const char *text, size_t max);
/* Bytes of the first `chars` characters of UTF-8 text s (all of s when shorter). */
size_t ifgw_iso_utf8_prefix(const char *s, size_t chars);
/* Bytes of the next piece of a remainder record for a slot of `chars`
 * characters: whole Key=Value entries when they fit, else cut at a
 * character boundary (the reader joins the pieces before parsing). */
size_t ifgw_iso_kv_piece(const char *s, size_t chars);
/* 1 when text cut into max-character pieces has a piece starting with the
 * remainder marker (it then travels in the remainder instead). */
int ifgw_iso_text_pieces_clash(const char *text, size_t max);
/* The remainder in <tag> slots of at most max characters each ("ifgw:" +
 * part), at most `slots` of them (0: no limit).  Nothing when kv is empty. */
void ifgw_iso_w_remainder(struct iso_w *w, const char *tag, const struct ifgw_buf *kv, size_t max, size_t slots);

/* 1 when s is a valid ISO PhoneNumber (+CC-digits), BIC, IBAN. */
int ifgw_iso_is_phone(const char *s);
int ifgw_iso_is_bic(const char *s);
int ifgw_iso_is_iban(const char *s);

/* Control sums (CtrlSum: DecimalNumber, the amounts added irrespective of
 * currency, as ISO 20022 defines it): exact decimal, the scale of the
 * currency with the most minor units. */
struct iso_sum {
	int64_t units;
	int scale;
	int overflow;
};

void ifgw_iso_sum_add(struct iso_sum *s, const struct ifgw_money *m);
/* The sum as decimal text; 0 when it overflowed or has more than 18 digits. */
int ifgw_iso_sum_format(const struct iso_sum *s, char out[48]);
/* 1 when two xs:decimal texts have the same value (1.50 = 1.5 = +01.5). */
int ifgw_iso_decimal_equal(const char *a, const char *b);
/* Check a control element against what the items give: count (want_text
 * a number) or sum; the error names both ("CtrlSum 3000.00 != sum of
 * items 2000.00"). */
int ifgw_iso_r_control(struct iso_r *r, xmlNodePtr parent, const char *name, const char *want_text, const char *what,
		  int required);

/* StsRsn (StatusReason4Choice): Cd when code is a FinancingStatusReason1Code,
 * else Prtry; nothing when code is "". */
void ifgw_iso_w_reason(struct iso_w *w, const char *code);
/* The code of a StsRsn element (NULL: ""). */
int ifgw_iso_r_reason(struct iso_r *r, char *dst, size_t size, xmlNodePtr rsn);
/* A ValidationStatusInformation1 (tsin.002, 006-010) under `tag`: Sts RCCF
 * (ok) or RCER, StsRsn (Cd when reason_code is a FinancingStatusReason1Code,
 * else Prtry), the reason text in Max105Text pieces, then the remainder
 * (kv may be NULL) in further pieces. */
void ifgw_iso_w_vsi(struct iso_w *w, const char *tag, int ok, const char *reason_code, const char *reason_text,
	       const struct ifgw_buf *kv);
/* Read one (vsi: the element); kv NULL: every piece is reason text. */
int ifgw_iso_r_vsi(struct iso_r *r, xmlNodePtr vsi, int *ok, char *reason_code, size_t code_size, char *reason_text,
	      size_t text_size, struct iso_kv *kv);

/* --- remainder records (Key=Value;...) */

/* Writing: kv->buf collects the record; keys get kv->prefix in front. */
struct iso_kvw {
	struct ifgw_buf buf;
	char prefix[96];
	struct iso_w *w; /* for errors */
};

void ifgw_iso_kvw_init(struct iso_kvw *kv, struct iso_w *w);
void ifgw_iso_kvw_free(struct iso_kvw *kv);
size_t ifgw_iso_kvw_push(struct iso_kvw *kv, const char *fmt, ...) IFGW_PRINTF(2, 3);
void ifgw_iso_kvw_pop(struct iso_kvw *kv, size_t saved);
void ifgw_iso_kvw_str(struct iso_kvw *kv, const char *key, const char *value);   /* skipped when "" */
/* ifgw_iso_kvw_str for text the partner's profile limits (limit characters, 0: none). */
void ifgw_iso_kvw_text(struct iso_kvw *kv, const char *key, const char *value, size_t limit);
void ifgw_iso_kvw_absent(struct iso_kvw *kv, const char *key);                   /* "Key=": a filler */
void ifgw_iso_kvw_int(struct iso_kvw *kv, const char *key, int32_t v);           /* skipped when IFGW_INT_NONE */
void ifgw_iso_kvw_uint(struct iso_kvw *kv, const char *key, uint64_t v);
void ifgw_iso_kvw_date(struct iso_kvw *kv, const char *key, int32_t d);          /* skipped when NONE */
void ifgw_iso_kvw_time(struct iso_kvw *kv, const char *key, int64_t t);          /* skipped when NONE */
void ifgw_iso_kvw_pct(struct iso_kvw *kv, const char *key, int32_t pct);         /* skipped when NONE */
void ifgw_iso_kvw_money(struct iso_kvw *kv, const char *key, const struct ifgw_money *m); /* skipped when no ccy */
void ifgw_iso_kvw_ccy(struct iso_kvw *kv, const char *key, const struct ifgw_currency *c); /* skipped when NULL */
void ifgw_iso_kvw_code(struct iso_kvw *kv, const char *key, int list, int value); /* skipped when 0 */
void ifgw_iso_kvw_terms(struct iso_kvw *kv, const char *key, const struct ifgw_terms *t);
/* A party's fields; names, streets, cities, postcodes and regions within
 * the partner's profile limits. */
void ifgw_iso_kvw_party(struct iso_kvw *kv, const char *key, const struct ifgw_party *p);
void ifgw_iso_kvw_bank(struct iso_kvw *kv, const char *key, const struct ifgw_bank *b);
void ifgw_iso_kvw_contact(struct iso_kvw *kv, const char *key, const struct ifgw_contact *c);

struct iso_kv_entry {
	char *key;
	char *value; /* unescaped */
	int used;
};

/* Reading: a parsed record; lookups mark entries used, ifgw_iso_kv_finish
 * refuses what was not. */
struct iso_kv {
	struct iso_kv_entry *e;
	size_t n, cap;
	char prefix[96];
	const char *where;   /* "tsin.006 Hdr/AddtlInf" for messages */
	const struct ifgw_field_limits *lim; /* the partner's profile, for party fields; NULL: none */
};

void ifgw_iso_kv_init(struct iso_kv *kv, const char *where);
void ifgw_iso_kv_free(struct iso_kv *kv);
/* Parse len bytes of record text (the slots' parts joined). */
int ifgw_iso_kv_parse(struct iso_kv *kv, const char *text, size_t len);
size_t ifgw_iso_kv_push(struct iso_kv *kv, const char *fmt, ...) IFGW_PRINTF(2, 3);
void ifgw_iso_kv_pop(struct iso_kv *kv, size_t saved);
/* The value of prefix+key (marked used), or NULL. */
const char *ifgw_iso_kv_get(struct iso_kv *kv, const char *key);
/* *absent = 1 when prefix+key is present with an empty value (a filler
 * marker); a value there is an error. */
int ifgw_iso_kv_marker(struct iso_kv *kv, int *absent, const char *key);
int ifgw_iso_kv_text(struct iso_kv *kv, char *dst, size_t size, const char *key);
/* ifgw_iso_kv_text with the partner's limit of `limit` characters (0: none). */
int ifgw_iso_kv_text_limit(struct iso_kv *kv, char *dst, size_t size, const char *key, size_t limit);
int ifgw_iso_kv_int(struct iso_kv *kv, int32_t *dst, const char *key, int32_t lo, int32_t hi);
int ifgw_iso_kv_uint(struct iso_kv *kv, uint64_t *dst, const char *key, uint64_t hi);
int ifgw_iso_kv_date(struct iso_kv *kv, int32_t *dst, const char *key);
int ifgw_iso_kv_time(struct iso_kv *kv, int64_t *dst, const char *key);
int ifgw_iso_kv_pct(struct iso_kv *kv, int32_t *dst, const char *key);
int ifgw_iso_kv_money(struct iso_kv *kv, struct ifgw_money *dst, const char *key);
int ifgw_iso_kv_ccy(struct iso_kv *kv, const struct ifgw_currency **dst, const char *key);
int ifgw_iso_kv_code(struct iso_kv *kv, int *dst, const char *key, int list);
int ifgw_iso_kv_terms(struct iso_kv *kv, struct ifgw_terms *t, const char *key);
int ifgw_iso_kv_party(struct iso_kv *kv, struct ifgw_party *p, const char *key);
int ifgw_iso_kv_bank(struct iso_kv *kv, struct ifgw_bank *b, const char *key);
int ifgw_iso_kv_contact(struct iso_kv *kv, struct ifgw_contact *c, const char *key);
/* IFGW_OK when every entry was used, else names the first unknown key. */
int ifgw_iso_kv_finish(struct iso_kv *kv);

/* --- reading */

struct iso_r {
	xmlDocPtr doc;
	const char *label; /* "tsin.006" */
	const struct ifgw_adapter_env *env;
	xmlChar *scratch[8]; /* texts joined by xmlNodeGetContent, the last 8 kept alive */
	size_t next_scratch;
};

void ifgw_iso_r_init(struct iso_r *r, xmlDocPtr doc, const struct ifgw_adapter_env *env);
void ifgw_iso_r_free(struct iso_r *r);

/* Path of an element for messages: "Document/InvcAssgnmtReq/AssgnmtList/FinItm[3]/ItmCntxt/Idr". */
void ifgw_iso_node_path(char *out, size_t size, xmlNodePtr node);
/* Record an error at node: "tsin.006 line 42 Document/.../Idr: what". */
int ifgw_iso_r_fail(struct iso_r *r, xmlNodePtr node, int code, const char *fmt, ...) IFGW_PRINTF(4, 5);
/* A lower layer failed at node: put the place (and what, when not NULL) in
 * front of its message: "tsin.006 line 42 Document/.../Idr: what: cause". */
int ifgw_iso_r_wrap(struct iso_r *r, xmlNodePtr node, int code, const char *what);

/* Mark node (and, with whole, everything under it) as read. */
void ifgw_iso_r_mark(xmlNodePtr node, int whole);
/* First child element called name (marked), or NULL. */
xmlNodePtr ifgw_iso_r_child(xmlNodePtr parent, const char *name);
/* Next sibling element with node's name (marked), or NULL. */
xmlNodePtr ifgw_iso_r_next(xmlNodePtr node);
/* Number of child elements called name. */
size_t ifgw_iso_r_count(xmlNodePtr parent, const char *name);
/* The text of an element (never NULL; borrowed from the tree, or, for text
 * split by comments, valid for the next 7 calls). */
const char *ifgw_iso_r_content(struct iso_r *r, xmlNodePtr node);
/* Refuse the first element under root that was not read. */
int ifgw_iso_r_unread(struct iso_r *r, xmlNodePtr root);

/* Child `name` of parent into a model field (absent: ""); the model's and
 * the profile's (limit != 0) length limits apply. */
int ifgw_iso_r_text(struct iso_r *r, char *dst, size_t size, xmlNodePtr parent, const char *name, size_t limit);
/* The same for an element already found (NULL: ""). */
int ifgw_iso_r_node_text(struct iso_r *r, char *dst, size_t size, xmlNodePtr node, size_t limit);
/* A code element (Ctry: two letters) into a small char array (absent: ""). */
int ifgw_iso_r_code(struct iso_r *r, char *dst, size_t size, xmlNodePtr parent, const char *name);
/* Absent elements leave the value absent (NONE, NULL currency ...). */
int ifgw_iso_r_date(struct iso_r *r, int32_t *dst, xmlNodePtr parent, const char *name);
int ifgw_iso_r_datetime(struct iso_r *r, int64_t *dst, xmlNodePtr parent, const char *name);
int ifgw_iso_r_amount(struct iso_r *r, struct ifgw_money *dst, xmlNodePtr parent, const char *name);
int ifgw_iso_r_pct(struct iso_r *r, int32_t *dst, xmlNodePtr parent, const char *name);
int ifgw_iso_r_uint(struct iso_r *r, uint64_t *dst, xmlNodePtr parent, const char *name, uint64_t hi);
/* Join the <name> children of parent: pieces before the first one starting
 * with the marker into text (may be NULL: then there must be none), the
 * marker slots' parts into kv_text. */
int ifgw_iso_r_slots(struct iso_r *r, struct ifgw_buf *text, struct ifgw_buf *kv_text, xmlNodePtr parent,
		const char *name);
/* Parse the remainder found in parent's <name> slots into kv (empty when
 * there is none); text as for ifgw_iso_r_slots. */
int ifgw_iso_r_remainder(struct iso_r *r, struct iso_kv *kv, struct ifgw_buf *text, xmlNodePtr parent,
		    const char *name);

/* --- the business application header */

/* The schema of the Document that carries a canonical type, or -1 when
 * tsin does not carry it; *explicit_type gets 1 when the type is not the
 * default reading of that schema (AppHdr then names it). */
int ifgw_iso_type_schema(int type, int *explicit_type);
/* Write the AppHdr of m (its Document is of `schema`). */
void ifgw_iso_apphdr_write(struct iso_w *w, const struct ifgw_msg *m, int schema, int explicit_type);
/* Read the AppHdr of a message whose Document is of `schema`: *out gets a
 * new message of the canonical type it names, with the header filled. */
int ifgw_iso_apphdr_read(struct iso_r *r, struct ifgw_msg **out, int schema, xmlNodePtr apphdr);

/* --- message families (one file each) */

/* tsin_financing.c: financing request / status / cancellation (tsin.001-003). */
int ifgw_iso_financing_encode(struct iso_w *w, const struct ifgw_msg *m);
int ifgw_iso_financing_decode(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root);

/* ifgw_position.c: the position statement, ifgw's own document
 * ifgw.pos.001.01 (root IfgwPosStmt in ISO_IFGW_POS_NS). */
int ifgw_iso_position_encode(struct iso_w *w, const struct ifgw_msg *m);
int ifgw_iso_position_decode(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root);

/* tsin_assignment.c: assignment batch, status and debtor notice (tsin.006-008). */
int ifgw_iso_assignment_encode(struct iso_w *w, const struct ifgw_msg *m);
int ifgw_iso_assignment_decode(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root);

/* tsin_party.c: seller registration, cover request (tsin.009), cover
 * response and revision (tsin.010). */
int ifgw_iso_party_encode(struct iso_w *w, const struct ifgw_msg *m);
int ifgw_iso_party_decode(struct iso_r *r, struct ifgw_msg *m, xmlNodePtr root);

/* --- parties of the business letter (tsin.006-010) */

struct iso_party_slot;

/* Parties declared once in Hdr (xs:ID "P<n>") and referenced by IDREF. */
struct iso_party_set {
	struct ifgw_buf xml;   /* the declarations, ready to copy into Hdr */
	struct iso_party_slot *slots;
	size_t n, cap;
	size_t *table;         /* hash table of slot indices + 1 */
	size_t table_size;
};

void ifgw_iso_party_set_init(struct iso_party_set *s);
void ifgw_iso_party_set_free(struct iso_party_set *s);
/* Declare a party in role (a Role/Id: "Buyr", "Sellr" ...) unless an equal
 * one is declared already; *id gets its xs:ID ("P3").  contact and bank
 * parts may be NULL.  Names errors with w. */
void ifgw_iso_party_declare(struct iso_w *w, struct iso_party_set *s, char id[16], const char *role,
		       const struct ifgw_party *p, const struct ifgw_contact *contact);
/* Declare a bank (BIC, name, branch) in role; *id as above. */
void ifgw_iso_bank_declare(struct iso_w *w, struct iso_party_set *s, char id[16], const char *role,
		      const struct ifgw_bank *b);
/* Write the business letter (Hdr) of a tsin.006-010 message: letter id,
 * date, the two factors (F1 sender, F2 receiver, F3 authorising user =
 * sender), the declared parties, and the body remainder in AddtlInf. */
void ifgw_iso_letter_write(struct iso_w *w, const struct ifgw_msg *m, const struct iso_party_set *s,
		      const struct ifgw_buf *kv);
/* Account of a bank as an AccountIdentification4Choice (IBAN or Othr). */
void ifgw_iso_w_account4(struct iso_w *w, const char *tag, const char *account, const char *field);

/* Reading the letter: the parties by xs:ID. */
struct iso_letter {
	xmlNodePtr hdr;
	xmlNodePtr *nodes;   /* QualifiedPartyIdentification1 elements */
	const char **ids;
	size_t n;
};

int ifgw_iso_letter_read(struct iso_r *r, struct iso_letter *l, const struct ifgw_msg *m, xmlNodePtr hdr,
		    struct iso_kv *kv);
void ifgw_iso_letter_free(struct iso_letter *l);
/* Resolve the IDREF element `name` of parent (absent: *out NULL unless
 * required) to a declared party in `role`; F1/F2 are the sender and the
 * receiver factor (role "Sndr" / "Rcvr"). */
int ifgw_iso_letter_ref(struct iso_r *r, xmlNodePtr *out, struct iso_letter *l, xmlNodePtr parent, const char *name,
		   const char *role, int required);
/* Read a declared party (and its contact when contact is not NULL). */
int ifgw_iso_party_read(struct iso_r *r, struct ifgw_party *p, struct ifgw_contact *contact, xmlNodePtr decl);
int ifgw_iso_bank_read(struct iso_r *r, struct ifgw_bank *b, xmlNodePtr decl);
/* An AccountIdentification4Choice into account (absent: ""). */
int ifgw_iso_r_account4(struct iso_r *r, char *account, size_t size, xmlNodePtr parent, const char *name);

#endif
