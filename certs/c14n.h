/* c14n.h: Exclusive XML Canonicalization 1.0 (no comments) of a parsed
 * document, fast.
 *
 * The signature hot path canonicalises every message twice (the document
 * for the Reference, SignedInfo for the signature); libxml2's
 * xmlC14NExecute() builds lists and copies strings per node and costs
 * several times a serialisation.  This writer walks the tree once and
 * produces the same bytes as libxml2's exclusive C14N (the tests and the
 * fuzz target compare the two on every document they see).  Whatever it is
 * not sure to render exactly as libxml2 does (entity references, a
 * namespace URI libxml2 refuses as relative, invalid UTF-8, a prefix bound
 * twice on one element, extreme nesting) makes it return IFGW_EUNSUPPORTED
 * without writing a message: the caller then runs libxml2's C14N. */
#ifndef IFGW_CERTS_C14N_H
#define IFGW_CERTS_C14N_H

#include <stddef.h>

#include <libxml/tree.h>

/* Where the canonical bytes go; write returns 0, or an ifgw result code
 * that stops the walk and is returned. */
struct ifgw_c14n_sink {
	int (*write)(void *ctx, const unsigned char *data, size_t len);
	void *ctx;
};

/* The canonical form of doc (apex NULL) or of the subtree at apex, leaving
 * out the subtree at skip (NULL: nothing), written to sink.  IFGW_OK,
 * IFGW_EUNSUPPORTED (no message; the sink may have had a part of the
 * output: start it over with libxml2), or the sink's code. */
int ifgw_c14n_exc(const struct ifgw_c14n_sink *sink, xmlDoc *doc, xmlNode *apex, const xmlNode *skip);

#endif
