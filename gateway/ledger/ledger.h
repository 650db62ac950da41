/* ledger.h: the state machines of the seven steps (public API of
 * gateway/ledger/).
 *
 * One machine per thing: seller registration, credit cover, invoice, and
 * inside each invoice its funding, collection and dispute.  A transition is
 * a function of (thing, event, clock time) that either
 *   - returns IFGW_OK, the thing in its new state, and appends its effects
 *     (outbox rows: which canonical message goes to whom; log entries: kind,
 *     subject, actor) to *fx, or
 *   - refuses with an enum ifgw_result and a one-line reason naming the thing,
 *     its state and the event, leaving the thing and *fx exactly as they were.
 * No I/O, no globals, no clock read: `now` is the caller's (base/clock.h).
 * The store persists a transition's new state and effects in one
 * transaction; docs/ledger.md draws every machine.
 *
 * A book keeps one role per thing (enum ifgw_ledger_role): HOME, the export
 * factor of a two-factor product or the only factor of a domestic one, or
 * IMPORT, the partner's import factor.  Its rows are the messages it sends;
 * what the other factor sends arrives as events marked `inbound`
 * (docs/ledger.md, "Roles", says who does what). */
#ifndef IFGW_GATEWAY_LEDGER_LEDGER_H
#define IFGW_GATEWAY_LEDGER_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "currency/calendar.h"
#include "currency/money.h"
#include "currency/rates.h"
#include "gateway/ledger/fees.h"
#include "model/codes.h"
#include "model/product.h"
#include "model/text.h"

/* ---- roles ------------------------------------------------------------ */

/* Whose book a thing is in.  A stored thing without a role reads as HOME. */
enum ifgw_ledger_role {
	IFGW_LEDGER_ROLE_HOME = 0,   /* export factor (export, IFP) or the only factor (classic, confidential) */
	IFGW_LEDGER_ROLE_IMPORT = 1, /* the partner's import factor: answers covers, collects, guarantees */
};

/* "home", "import"; "undefined" for anything else. */
const char *ifgw_ledger_role_name(int role);

/* ---- effects ---------------------------------------------------------- */

#define IFGW_LEDGER_FX_MAX 16    /* rows, and log entries, one transition may add */
#define IFGW_LEDGER_KIND_SIZE 40 /* "invoice.funding-missed" */

/* Who an outbox row goes to. */
enum ifgw_ledger_party {
	IFGW_LEDGER_TO_PARTNER = 1, /* the correspondent factor (export, IFP) */
	IFGW_LEDGER_TO_DEBTOR = 2,  /* never for confidential factoring */
	IFGW_LEDGER_TO_SELLER = 3,
};

/* A letter that is no canonical message between factors (dunning). */
enum ifgw_ledger_letter {
	IFGW_LEDGER_LETTER_NONE = 0,
	IFGW_LEDGER_LETTER_REMINDER = 1,
	IFGW_LEDGER_LETTER_SECOND_REMINDER = 2,
	IFGW_LEDGER_LETTER_FORMAL_NOTICE = 3,
	IFGW_LEDGER_LETTER_HANDOVER = 4, /* the file goes to a collection agency or lawyer */
};
#define IFGW_LEDGER_DUNNING_STEPS 4

struct ifgw_ledger_outbox_row {
	int msg_type;                /* enum ifgw_msg_type; IFGW_MSG_NONE for a letter */
	int letter;                  /* enum ifgw_ledger_letter when msg_type is IFGW_MSG_NONE */
	int to;                      /* enum ifgw_ledger_party */
	char to_id[IFGW_ID_SIZE];    /* partner factor code, debtor or seller number */
	char subject[IFGW_ID_SIZE];  /* the thing the message is about */
	struct ifgw_money amount;    /* the figure it carries; ccy NULL when none */
};

struct ifgw_ledger_log_entry {
	int64_t time;                       /* the transition's clock time */
	char kind[IFGW_LEDGER_KIND_SIZE];   /* "<thing>.<what>": "invoice.accepted" */
	char subject[IFGW_ID_SIZE];         /* the thing's id */
	char actor[IFGW_ID_SIZE];           /* who caused it: a factor code, "seller", "ledger-tick" */
	struct ifgw_money amount;           /* ccy NULL when none */
};

/* What transitions produced, in order; the caller empties it between
 * transactions (ifgw_ledger_effects_init). */
struct ifgw_ledger_effects {
	struct ifgw_ledger_outbox_row rows[IFGW_LEDGER_FX_MAX];
	size_t n_rows;
	struct ifgw_ledger_log_entry log[IFGW_LEDGER_FX_MAX];
	size_t n_log;
};

void ifgw_ledger_effects_init(struct ifgw_ledger_effects *fx);

/* ---- events ----------------------------------------------------------- */

enum ifgw_ledger_event_kind {
	IFGW_LEDGER_EV_NONE = 0,
	/* seller registration */
	IFGW_LEDGER_EV_SELLER_REGISTER,
	IFGW_LEDGER_EV_SELLER_ACCEPT,
	IFGW_LEDGER_EV_SELLER_REJECT,
	IFGW_LEDGER_EV_SELLER_TERMINATE,
	/* credit cover */
	IFGW_LEDGER_EV_COVER_REQUEST,   /* amount: asked for */
	IFGW_LEDGER_EV_COVER_PENDING,   /* the import factor is still deciding */
	IFGW_LEDGER_EV_COVER_APPROVE,   /* amount: granted (partly when below the request) */
	IFGW_LEDGER_EV_COVER_DECLINE,
	IFGW_LEDGER_EV_COVER_REVISE,    /* amount: the new cover (> 0) */
	IFGW_LEDGER_EV_COVER_CANCEL,
	IFGW_LEDGER_EV_COVER_EXPIRE,    /* timer: at the expiry date */
	IFGW_LEDGER_EV_COVER_UNANSWERED, /* timer: 10 days without an answer */
	/* invoice */
	IFGW_LEDGER_EV_ASSIGN,
	IFGW_LEDGER_EV_ACCEPT,          /* amount: approved part (0..invoice amount) */
	IFGW_LEDGER_EV_REJECT,
	IFGW_LEDGER_EV_FUND,            /* the advance is paid (computed from the contract) */
	IFGW_LEDGER_EV_PAY,             /* amount: paid, any currency (rates when not the invoice's) */
	IFGW_LEDGER_EV_CREDIT,          /* amount: credit note */
	IFGW_LEDGER_EV_DISPUTE,         /* amount: disputed */
	IFGW_LEDGER_EV_DISPUTE_INFO,    /* the export factor supplies the information asked */
	IFGW_LEDGER_EV_SETTLE,          /* outcome: enum ifgw_ledger_settlement */
	IFGW_LEDGER_EV_CHARGE_BACK,     /* amount: charged back (unapproved or unsettled) */
	IFGW_LEDGER_EV_GUARANTEE_PAY,   /* amount: payment under guarantee */
	IFGW_LEDGER_EV_REPAY_ADVANCE,   /* amount: the seller repays advance it owes */
	IFGW_LEDGER_EV_CLOSE,
	/* invoice timers (ifgw_ledger_tick) */
	IFGW_LEDGER_EV_FUNDING_MISSED,  /* the 24/48 business-hour promise passed unpaid */
	IFGW_LEDGER_EV_DUNNING,         /* the next step of the dunning plan is due */
	IFGW_LEDGER_EV_DISPUTE_INFO_OVERDUE, /* 60 days without the information */
	IFGW_LEDGER_EV_DISPUTE_WINDOW_CLOSED, /* 180 days unsettled: the disputed amount is charged back */
	IFGW_LEDGER_EV_KIND_COUNT_
};

/* "assign", "pay", ... (stable: used in messages and logs). */
const char *ifgw_ledger_event_name(int kind);

enum ifgw_ledger_settlement {
	IFGW_LEDGER_SETTLED_FOR_SELLER = 1, /* the debtor owes the disputed amount after all */
	IFGW_LEDGER_SETTLED_FOR_DEBTOR = 2, /* the seller credits it (a credit note) */
};

struct ifgw_ledger_event {
	int kind;                       /* enum ifgw_ledger_event_kind */
	char actor[IFGW_ID_SIZE];       /* who: factor code, "seller", "debtor", "ledger-tick" */
	int inbound;                    /* 1: applied from a partner's message (no echo to it) */
	struct ifgw_money amount;       /* the event's figure (see the kinds) */
	/* A payment in another currency than the invoice's: both rates per EUR
	 * from one publication (currency/convert.h); value 0 when not needed. */
	struct ifgw_rate from_per_eur;
	struct ifgw_rate to_per_eur;
	int32_t rate_date;
	int outcome;                    /* IFGW_LEDGER_EV_SETTLE: enum ifgw_ledger_settlement */
	int32_t date;                   /* cover: expiry date (approve, revise); IFGW_DATE_NONE if none */
	/* COVER_PENDING in the import role: the answer decided with it, that the
	 * tick applies at answer_at (kind IFGW_LEDGER_EV_COVER_APPROVE with
	 * `amount` granted, or _DECLINE); answer_kind 0: none decided. */
	int answer_kind;
	int64_t answer_at;
};

/* An event of `kind` by `actor`, every other field absent. */
void ifgw_ledger_event_init(struct ifgw_ledger_event *ev, int kind, const char *actor);

/* ---- the contract ----------------------------------------------------- */

/* What a seller's factoring contract fixes (from the node's configuration). */
struct ifgw_ledger_contract {
	enum ifgw_product product;
	char partner[IFGW_FACTOR_CODE_SIZE]; /* the correspondent factor; "" for domestic products */
	int32_t advance_rate;           /* millionths of one */
	int32_t reserve_pct;            /* millionths of one, <= advance_rate */
	struct ifgw_money reserve_fixed; /* per invoice, in the invoice currency; ccy NULL: none */
	int32_t commission_pct;
	struct ifgw_money doc_fee;      /* ccy NULL: none */
	int32_t ref_rate;               /* interest: reference rate (may be negative) */
	int32_t margin;
	enum ifgw_daycount daycount;
	enum ifgw_rounding rounding;
	int funding_hours;              /* the promise: 24 or 48 business hours from assignment */
	const struct ifgw_calendar *calendar; /* the seller's business days */
	int32_t utc_offset;             /* seconds: the seller's civil time = UTC + utc_offset */
	int32_t dunning_days[IFGW_LEDGER_DUNNING_STEPS]; /* days after the due date, increasing */
	int role;                       /* enum ifgw_ledger_role; IMPORT: partner = the export factor */
};

/* IFGW_EINVAL naming the field a contract cannot be run with: rates and
 * reserve outside 0..100 % (reserve above the advance rate), a negative fee,
 * a funding promise other than 24 or 48 hours, no calendar, a UTC offset
 * beyond 14 hours, dunning days that do not increase, a correspondent
 * factor missing for export and IFP or given for a domestic product, a role
 * other than HOME and IMPORT, an IMPORT contract that is not export or IFP
 * or advances anything (its funding promise is not checked: it funds nothing).
 * ifgw_ledger_invoice_init() calls it. */
int ifgw_ledger_contract_check(const struct ifgw_ledger_contract *k);

/* ---- seller registration ---------------------------------------------- */

enum ifgw_ledger_seller_state {
	IFGW_LEDGER_SELLER_NEW = 0,
	IFGW_LEDGER_SELLER_REQUESTED,   /* presented to the correspondent factor */
	IFGW_LEDGER_SELLER_REGISTERED,
	IFGW_LEDGER_SELLER_REJECTED,
	IFGW_LEDGER_SELLER_TERMINATED,
};

struct ifgw_ledger_seller {
	char id[IFGW_ID_SIZE];
	char partner[IFGW_FACTOR_CODE_SIZE]; /* "" for a domestic seller: registered at once;
						IMPORT: the export factor that presented it */
	int state;
	int64_t since;                  /* time of the last transition */
	int role;                       /* enum ifgw_ledger_role */
};

const char *ifgw_ledger_seller_state_name(int state);
int ifgw_ledger_seller_apply(struct ifgw_ledger_seller *s, const struct ifgw_ledger_event *ev, int64_t now,
			     struct ifgw_ledger_effects *fx);

/* ---- credit cover ----------------------------------------------------- */

#define IFGW_LEDGER_COVER_ANSWER_DAYS 10 /* GRIF: the import factor answers within 10 days */

enum ifgw_ledger_cover_state {
	IFGW_LEDGER_COVER_NEW = 0,
	IFGW_LEDGER_COVER_REQUESTED,
	IFGW_LEDGER_COVER_PENDING,
	IFGW_LEDGER_COVER_APPROVED,
	IFGW_LEDGER_COVER_PARTLY_APPROVED,
	IFGW_LEDGER_COVER_DECLINED,
	IFGW_LEDGER_COVER_REVISED,      /* changed by a revision; active like an approval */
	IFGW_LEDGER_COVER_CANCELLED,
	IFGW_LEDGER_COVER_EXPIRED,
};

struct ifgw_ledger_cover {
	char id[IFGW_ID_SIZE];          /* the request number */
	char seller[IFGW_ID_SIZE];
	char debtor[IFGW_ID_SIZE];
	char partner[IFGW_FACTOR_CODE_SIZE]; /* "" when the home factor decides itself */
	int state;
	int64_t requested_at;
	struct ifgw_money requested;
	struct ifgw_money granted;      /* 0 until approved; the line in force */
	int32_t expiry;                 /* IFGW_DATE_NONE: open-ended */
	int unanswered;                 /* flagged: no answer within 10 days (HOME only) */
	int64_t since;
	int role;                       /* enum ifgw_ledger_role; IMPORT: partner = the export factor */
	char debtor_country[IFGW_COUNTRY_SIZE]; /* ISO 3166-1 alpha-2, "" unknown: country limits */
	/* IMPORT, state pending: the decided answer the tick applies at
	 * answer_at (answer_kind IFGW_LEDGER_EV_COVER_APPROVE or _DECLINE, 0:
	 * none; answer_amount: granted, in the cover's currency). */
	int answer_kind;
	struct ifgw_money answer_amount;
	int64_t answer_at;
};

const char *ifgw_ledger_cover_state_name(int state);
int ifgw_ledger_cover_apply(struct ifgw_ledger_cover *c, const struct ifgw_ledger_event *ev, int64_t now,
			    struct ifgw_ledger_effects *fx);

/* ---- funding, collection, dispute (parts of an invoice) --------------- */

enum ifgw_ledger_funding_state {
	IFGW_LEDGER_FUNDING_NONE = 0,   /* not assigned yet */
	IFGW_LEDGER_FUNDING_DUE,        /* promised by due_at */
	IFGW_LEDGER_FUNDING_MISSED,     /* due_at passed unpaid: recorded, still owed */
	IFGW_LEDGER_FUNDING_PAID,       /* paid on time */
	IFGW_LEDGER_FUNDING_PAID_LATE,  /* paid after due_at */
	IFGW_LEDGER_FUNDING_REPAID,     /* the advance is repaid in full */
	IFGW_LEDGER_FUNDING_CANCELLED,  /* the invoice was rejected before funding */
};

struct ifgw_ledger_funding {
	int state;
	int64_t due_at;                 /* UTC: assignment + promised business hours */
	int64_t paid_at;
	int missed;                     /* 1 once the promise was missed (stays, for reports) */
	struct ifgw_money advanced;     /* = repaid + outstanding (the invariant) */
	struct ifgw_money repaid;
	struct ifgw_money outstanding;
	struct ifgw_money commission;   /* charged at funding: commission + document fee */
	int64_t balance_days;           /* sum of outstanding advance x days it stood, to accrued_to */
	int32_t accrued_to;             /* the seller's civil day balance_days runs to */
};

enum ifgw_ledger_collection_state {
	IFGW_LEDGER_COLLECTION_NONE = 0, /* not accepted yet */
	IFGW_LEDGER_COLLECTION_OPEN,     /* not yet dunned */
	IFGW_LEDGER_COLLECTION_REMINDED,
	IFGW_LEDGER_COLLECTION_SECOND_REMINDER,
	IFGW_LEDGER_COLLECTION_FORMAL_NOTICE,
	IFGW_LEDGER_COLLECTION_HANDED_OVER,
	IFGW_LEDGER_COLLECTION_SUSPENDED, /* dunning stops while a dispute is open */
	IFGW_LEDGER_COLLECTION_DONE,      /* nothing left to collect */
};

struct ifgw_ledger_collection {
	int state;
	int steps_done;                 /* 0..IFGW_LEDGER_DUNNING_STEPS */
	int32_t step_dates[IFGW_LEDGER_DUNNING_STEPS]; /* from the due date and the plan */
};

#define IFGW_LEDGER_DISPUTE_INFO_DAYS 60     /* the export factor supplies information */
#define IFGW_LEDGER_DISPUTE_PUG_DAYS 90      /* raised within 90 days of due: suspends PUG */
#define IFGW_LEDGER_DISPUTE_SETTLE_DAYS 180  /* unsettled after 180 days: charged back; raised
						after PUG within 180 days of due: reimbursed */
#define IFGW_LEDGER_PUG_DAYS 90              /* payment under guarantee, days past due */

enum ifgw_ledger_dispute_state {
	IFGW_LEDGER_DISPUTE_NONE = 0,
	IFGW_LEDGER_DISPUTE_RAISED,
	IFGW_LEDGER_DISPUTE_INFO_SUPPLIED,
	IFGW_LEDGER_DISPUTE_SETTLED,
	IFGW_LEDGER_DISPUTE_CHARGED_BACK, /* the window closed unsettled */
};

struct ifgw_ledger_dispute {
	int state;
	int64_t raised_at;
	struct ifgw_money amount;       /* disputed */
	int info_overdue;               /* flagged: no information within 60 days */
	int suspends_pug;               /* raised within 90 days of the due date */
	int outcome;                    /* enum ifgw_ledger_settlement once settled */
};

/* ---- invoice ---------------------------------------------------------- */

enum ifgw_ledger_invoice_state {
	IFGW_LEDGER_INVOICE_RECEIVED = 0,
	IFGW_LEDGER_INVOICE_ASSIGNED,
	IFGW_LEDGER_INVOICE_ACCEPTED,
	IFGW_LEDGER_INVOICE_REJECTED,
	IFGW_LEDGER_INVOICE_FUNDED,
	IFGW_LEDGER_INVOICE_PARTLY_PAID,
	IFGW_LEDGER_INVOICE_PAID,
	IFGW_LEDGER_INVOICE_DISPUTED,
	IFGW_LEDGER_INVOICE_DISPUTE_SETTLED,
	IFGW_LEDGER_INVOICE_CHARGED_BACK,
	IFGW_LEDGER_INVOICE_GUARANTEED, /* paid under guarantee */
	IFGW_LEDGER_INVOICE_CLOSED,
	IFGW_LEDGER_INVOICE_STATE_COUNT_
};

/* An assigned invoice and its figures, all in its currency.  The figures
 * obey (ifgw_ledger_invoice_check):
 *     amount   = paid + outstanding + credited + charged_back
 *     advanced = repaid + outstanding advance
 * with paid including guaranteed, disputed <= outstanding, approved <= amount. */
struct ifgw_ledger_invoice {
	char id[IFGW_ID_SIZE];
	char seller[IFGW_ID_SIZE];
	char debtor[IFGW_ID_SIZE];
	const struct ifgw_ledger_contract *contract; /* borrowed: outlives the invoice */
	int state;
	int prior;                      /* the state a dispute returns to */
	int32_t due_date;
	int64_t assigned_at;
	int64_t since;
	struct ifgw_money amount;       /* assigned */
	struct ifgw_money approved;     /* under cover (accept) */
	struct ifgw_money paid;         /* by the debtor, in the invoice currency, and under guarantee */
	struct ifgw_money guaranteed;   /* of paid: under guarantee */
	struct ifgw_money credited;
	struct ifgw_money charged_back;
	struct ifgw_money outstanding;
	struct ifgw_money disputed;     /* of outstanding: in dispute */
	struct ifgw_ledger_funding funding;
	struct ifgw_ledger_collection collection;
	struct ifgw_ledger_dispute dispute;
};

const char *ifgw_ledger_invoice_state_name(int state);

/* A received invoice: amount > 0, due date set, contract borrowed. */
int ifgw_ledger_invoice_init(struct ifgw_ledger_invoice *inv, const char *id, const char *seller,
			     const char *debtor, const struct ifgw_money *amount, int32_t due_date,
			     const struct ifgw_ledger_contract *contract);

int ifgw_ledger_invoice_apply(struct ifgw_ledger_invoice *inv, const struct ifgw_ledger_event *ev, int64_t now,
			      struct ifgw_ledger_effects *fx);

/* The approved, undisputed, unpaid amount: what a payment under guarantee
 * pays and an advance is based on (min(approved - guaranteed, outstanding -
 * disputed), at least 0). */
int64_t ifgw_ledger_invoice_covered(const struct ifgw_ledger_invoice *inv);

/* Interest on the invoice's advance from its funding day to the seller's
 * civil day of `now` (exclusive): the contract's reference + margin on its
 * day-count basis, over every balance the advance had, rounded once.
 * Zero before funding. */
int ifgw_ledger_invoice_interest(struct ifgw_money *out, const struct ifgw_ledger_invoice *inv, int64_t now);

/* The invariants of one invoice; IFGW_ESTATE naming the invoice and the
 * broken equation with its figures. */
int ifgw_ledger_invoice_check(const struct ifgw_ledger_invoice *inv);

/* The dunning dates of a plan from a due date: due + days[i], rolled to the
 * next business day of cal when cal is not NULL. */
int ifgw_ledger_dunning_dates(int32_t out[IFGW_LEDGER_DUNNING_STEPS], const int32_t days[IFGW_LEDGER_DUNNING_STEPS],
			      int32_t due_date, const struct ifgw_calendar *cal);

/* When the funding promise ends: assigned_at (UTC) + hours business hours
 * on cal in the seller's civil time (UTC + utc_offset), as UTC. */
int ifgw_ledger_funding_deadline(int64_t *out, int64_t assigned_at, int hours, const struct ifgw_calendar *cal,
				 int32_t utc_offset);

/* ---- the import factor's decisions (decide.c) ------------------------- */

struct ifgw_ledger_country_limit {
	char country[3];
	struct ifgw_money limit;
};

/* How the import factor answers a partner's cover requests (from the node's
 * Partner/DecisionPolicy; docs/ledger.md, "Decisions", gives the rules). */
struct ifgw_ledger_policy {
	struct ifgw_money debtor_limit;       /* ccy NULL: none */
	const struct ifgw_ledger_country_limit *country_limits;
	size_t n_country_limits;
	struct ifgw_money auto_approve_below; /* ccy NULL: none */
	int32_t partial_max_pct;              /* millionths; 0: no partial approval */
	const char *const *decline_debtors;
	size_t n_decline_debtors;
	const char (*decline_countries)[3];
	size_t n_decline_countries;
	int pending_days;                     /* 0: answer at once */
};

/* What this import factor has granted already and still has in force (or
 * decided in a pending answer) for the request's debtor, and for debtors of
 * its country: ifgw_ledger_exposure_sum() computes it from the covers. */
struct ifgw_ledger_exposure {
	struct ifgw_money debtor, country;
};

struct ifgw_ledger_decision {
	int kind;                  /* IFGW_LEDGER_EV_COVER_APPROVE (partly when amount < requested), _DECLINE, _PENDING */
	struct ifgw_money amount;  /* granted (0 when declined or pending) */
	int final_kind;            /* when kind is PENDING: APPROVE or DECLINE ... */
	struct ifgw_money final_amount; /* ... granting this ... */
	int64_t answer_at;         /* ... applied by the tick at this time */
	char reason[IFGW_REASON_SIZE];
};

/* The answer to a cover request (request: the cover as requested, its
 * requested amount, debtor and debtor_country set) under policy p (NULL:
 * no policy, declined) given the exposure x (NULL: none).  IFGW_OK with the
 * decision in *out, whatever it is; IFGW_EINVAL only for a request without
 * an amount.  Pure: the caller applies it (ifgw_ledger_decision_event). */
int ifgw_ledger_decide_cover(struct ifgw_ledger_decision *out, const struct ifgw_ledger_policy *p,
			     const struct ifgw_ledger_cover *request, const struct ifgw_ledger_exposure *x, int64_t now);

/* The event that applies decision d to its cover (APPROVE, DECLINE, or
 * PENDING carrying the decided answer and answer_at), by actor. */
void ifgw_ledger_decision_event(struct ifgw_ledger_event *ev, const struct ifgw_ledger_decision *d,
				const char *actor);

/* The exposure of the import role for a request: the granted amount of
 * every IMPORT cover in force (approved, partly approved, revised) and the
 * decided approval of every pending one, in the request's currency, for its
 * debtor and for debtors of its country; other covers and the request itself
 * are not counted.  Covers in another currency are not summed (see
 * docs/ledger.md): IFGW_OK always. */
int ifgw_ledger_exposure_sum(struct ifgw_ledger_exposure *out, const struct ifgw_ledger_cover *covers, size_t n,
			     const struct ifgw_ledger_cover *request);

/* Accept or reject an assigned invoice: an ACCEPT event with approved =
 * min(amount, cover granted - used) when the cover (same seller and debtor)
 * is in force; no cover in force: ACCEPT with approved 0 (an unapproved
 * receivable); an invoice in another currency than the cover's: REJECT.
 * The seller's registration is the caller's to check (reject when it is
 * not registered).  used: what invoices under the cover already take of it
 * (ifgw_ledger_cover_used).  IFGW_OK with the event in *out. */
int ifgw_ledger_decide_assignment(struct ifgw_ledger_event *out, const struct ifgw_ledger_invoice *inv,
				  const struct ifgw_ledger_cover *cover, int64_t used, const char *actor);

/* What invoices take of a cover: the sum, over the invoices of the cover's
 * seller and debtor in its currency (except `except`, may be NULL), of their
 * approved amount not yet paid under guarantee and still outstanding:
 * min(approved - guaranteed, outstanding). */
int64_t ifgw_ledger_cover_used(const struct ifgw_ledger_invoice *invoices, size_t n,
			       const struct ifgw_ledger_cover *cover, const struct ifgw_ledger_invoice *except);

/* ---- the book, the timers, the invariants across invoices ------------- */

struct ifgw_ledger_book {
	struct ifgw_ledger_seller *sellers;
	size_t n_sellers;
	struct ifgw_ledger_cover *covers;
	size_t n_covers;
	struct ifgw_ledger_invoice *invoices;
	size_t n_invoices;
};

enum ifgw_ledger_thing {
	IFGW_LEDGER_THING_SELLER = 1,
	IFGW_LEDGER_THING_COVER = 2,
	IFGW_LEDGER_THING_INVOICE = 3,
};

/* A transition due at a time. */
struct ifgw_ledger_due {
	int thing;                      /* enum ifgw_ledger_thing */
	size_t index;                   /* in the book's array */
	struct ifgw_ledger_event event; /* ready to apply (actor "ledger-tick") */
};

/* Which transitions are due at `now`, in book order, one per thing (its
 * earliest): a timer whose transition changes what is due next (a dunning
 * step, a payment under guarantee) is found again by the next tick.
 * Payment under guarantee, the charge-back of the unapproved rest and of
 * a dispute whose window closed, and dunning are the import factor's: an
 * invoice whose contract is HOME with a partner never lists them (they
 * arrive inbound); an IMPORT cover lists its pending answer at answer_at
 * and never "unanswered".
 * Up to cap entries in out; *n = how many; IFGW_EOVERFLOW when more are due
 * (the first cap are given). */
int ifgw_ledger_tick(struct ifgw_ledger_due *out, size_t cap, size_t *n, const struct ifgw_ledger_book *book,
		     int64_t now);

/* Apply one due transition to the book (the same as the thing's _apply). */
int ifgw_ledger_apply_due(struct ifgw_ledger_book *book, const struct ifgw_ledger_due *due, int64_t now,
			  struct ifgw_ledger_effects *fx);

/* The invoices whose funding promise was missed (paid late or still
 * owed), in book order: up to cap pointers in out; returns how many there
 * are in all (a report asks again with a larger cap when that is more). */
size_t ifgw_ledger_book_missed(const struct ifgw_ledger_invoice **out, size_t cap,
			       const struct ifgw_ledger_book *book);

/* Every invoice's invariants, and per currency the same sums across the
 * book: IFGW_ESTATE naming the currency or invoice that does not balance. */
int ifgw_ledger_book_check(const struct ifgw_ledger_book *book);

#endif
