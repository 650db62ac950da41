/* adapter.h: one wire format, behind one interface (curl's vtls back ends).
 *
 * An adapter translates between the canonical messages (model/) and
 * one wire format.  It knows nothing of the store, the network or the
 * routing; it is told about the partner through struct ifgw_adapter_env
 * (country profile, charset, transliteration, sequence expected).  Every
 * adapter is a `const struct ifgw_adapter` registered in one NULL-terminated
 * table (adapters/registry.c) and chosen by name from the partner's
 * configuration.  Code outside adapters/ calls the ifgw_adapter_* wrappers
 * below, never the function pointers.
 *
 * Contract of every adapter, checked for each by one conformance test
 * (tests/unit/test_adapters.c): for every message type it carries and every
 * country profile, decode(encode(m)) equals m, and encode is byte-stable
 * (the same message gives the same bytes). */
#ifndef IFGW_ADAPTERS_ADAPTER_H
#define IFGW_ADAPTERS_ADAPTER_H

#include <stddef.h>
#include <stdint.h>

#include "adapters/country.h"
#include "base/buf.h"
#include "base/xsd.h"
#include "model/message.h"

struct ifgw_dsig_place; /* certs/xmldsig.h: where the one signature lives */

/* What the adapter needs to know about the partner it writes for or reads
 * from.  Built by ifgw_adapter_env_init() from the country profile; the
 * partner's configuration may override the charset and transliteration. */
struct ifgw_adapter_env {
	const struct ifgw_country_profile *profile; /* never NULL */
	const char *charset;     /* wire charset (iconv name); default: profile->charset */
	int allow_translit;      /* default: profile->allow_translit */
	uint64_t expected_seq;   /* decode: the next sequence number of this corridor;
				    0 = do not check (tests, onboarding) */
};

/* Capability bit of a canonical message type (enum ifgw_msg_type). */
#define IFGW_ADAPTER_CAP(type) (UINT64_C(1) << (type))

struct ifgw_adapter {
	const char *name;     /* "edifactoring", "iso20022": the configuration's adapter= value */
	const char *version;  /* wire format version written */
	uint64_t capabilities; /* IFGW_ADAPTER_CAP(type) for each message type it carries */
	size_t max_batch_items; /* most documents one wire message holds (999 for edifactoring);
				   0 = no limit.  ifgw_adapter_split() cuts longer lists */
	int batch_one_currency; /* 1: an assignment batch message holds documents of one currency
				   (edifactoring MSG09 has one InvBatchCurrency); ifgw_adapter_split()
				   then also cuts a batch by currency */
	/* Where the signature of a message lives on this wire (the verifier is
	 * told, never guesses).  May be NULL: the last child of the root. */
	const struct ifgw_dsig_place *(*signature_place)(int msg_type);
	/* Append the wire bytes of m (in env->charset) to out.  m has passed
	 * ifgw_msg_check().  IFGW_EUNSUPPORTED for a type it does not carry,
	 * IFGW_EINVAL naming the field for a value the wire cannot hold (too long,
	 * not representable in the charset). */
	int (*encode)(struct ifgw_buf *out, const struct ifgw_msg *m, const struct ifgw_adapter_env *env);
	/* Parse wire bytes into a new canonical message: the exact inverse of
	 * encode.  Refusals name the reason and place: control-total mismatch,
	 * sequence gap, unknown code, oversized field, schema violation. */
	int (*decode)(struct ifgw_msg **out, const char *wire, size_t len, const struct ifgw_adapter_env *env);
	/* Validate wire bytes against the format's schema(s) without decoding.
	 * May be NULL (decode validates). */
	int (*validate)(const char *wire, size_t len, const struct ifgw_adapter_env *env);
	/* How much bytes received look like this format: 0 = not at all, up to
	 * IFGW_ADAPTER_PROBE_SURE when the root element is the format's.  Reads
	 * no more than len bytes, needs no NUL, parses nothing.  May be NULL (the
	 * format is never guessed).  Callers use ifgw_adapter_probe(). */
	int (*probe)(const char *wire, size_t len);
	/* The one charset the format allows whatever the partner's country
	 * ("UTF-8" for ISO 20022 XML by its design rules); NULL: the country
	 * profile's charset. */
	const char *fixed_charset;
	/* Once at start-up (ifgw_global_init(), before threads start): compile
	 * the format's schemas (how: IFGW_XSD_CHECK only finds and parses
	 * them, base/xsd.h), so that a broken one is found at start.  An error
	 * names the file.  May be NULL. */
	int (*init)(enum ifgw_xsd_load how);
	/* Once at shutdown, undoing init.  May be NULL. */
	void (*cleanup)(void);
};

/* Probe confidences: the format's namespace on the root element, or only
 * somewhere in the bytes. */
#define IFGW_ADAPTER_PROBE_SURE   100
#define IFGW_ADAPTER_PROBE_LIKELY 50

/* Every adapter of this build, then NULL. */
extern const struct ifgw_adapter *const ifgw_adapters[];

/* Call every adapter's init, in table order; on a failure, the cleanup of
 * those already started, then the error (naming the adapter and file). */
int ifgw_adapters_init(enum ifgw_xsd_load how);

/* Call every adapter's cleanup, in reverse order. */
void ifgw_adapters_cleanup(void);

/* The adapter named `name`; IFGW_ENOTFOUND naming it. */
int ifgw_adapter_get(const struct ifgw_adapter **out, const char *name);

/* The adapter whose probe gives the bytes the highest confidence (the first
 * registered on a tie); NULL when none recognises them. */
const struct ifgw_adapter *ifgw_adapter_probe(const char *wire, size_t len);

/* For an adapter's probe: IFGW_ADAPTER_PROBE_SURE when the namespace ns
 * is declared in the root element's start tag, IFGW_ADAPTER_PROBE_LIKELY
 * when it is only somewhere in the bytes, else 0. */
int ifgw_adapter_probe_ns(const char *wire, size_t len, const char *ns);

/* The wire charset of a for a partner of this country profile: the
 * format's fixed charset, else the profile's. */
const char *ifgw_adapter_charset(const struct ifgw_adapter *a, const struct ifgw_country_profile *profile);

/* 1 when the adapter carries messages of this type. */
int ifgw_adapter_carries(const struct ifgw_adapter *a, int msg_type);

/* env from a profile (charset and transliteration from the profile). */
void ifgw_adapter_env_init(struct ifgw_adapter_env *env, const struct ifgw_country_profile *profile);

/* Check m, then encode it; IFGW_EUNSUPPORTED "edifactoring does not carry
 * financing requests" when the type is not carried. */
int ifgw_adapter_encode(struct ifgw_buf *out, const struct ifgw_adapter *a, const struct ifgw_msg *m,
			const struct ifgw_adapter_env *env);

/* Decode, then check the result with ifgw_msg_check(). */
int ifgw_adapter_decode(struct ifgw_msg **out, const struct ifgw_adapter *a, const char *wire, size_t len,
			const struct ifgw_adapter_env *env);

/* Cut m into messages of at most a->max_batch_items documents each, and an
 * assignment batch into one message per currency when a->batch_one_currency
 * (control totals recomputed per part, ids suffixed "-1", "-2" ..., and so
 * are the batch numbers of assignment and payment batches, charge-backs and
 * remittances, sequence numbers consecutive from m's).  *out gets a new
 * array of *n new messages (just a copy of m when it fits); free each with
 * ifgw_msg_free and the array with free(). */
int ifgw_adapter_split(struct ifgw_msg ***out, size_t *n, const struct ifgw_adapter *a, const struct ifgw_msg *m);

/* 1 when one wire message of a carries m as it is (no split needed): the
 * hot path encodes m directly instead of copying it through the split. */
int ifgw_adapter_fits(const struct ifgw_adapter *a, const struct ifgw_msg *m);

#endif
