/* node_config.c: read and validate a node's configuration (see node_config.h). */
#include "config.h"

#include <libgen.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/datadir.h"
#include "base/error.h"
#include "base/file.h"
#include "base/xml.h"
#include "base/xsd.h"
#include "config/node_config.h"

#define CONFIG_NS "urn:ifgw:config:1"
#define CONFIG_MAX_BYTES (4u << 20)

/* --- reading helpers */

static int is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, CONFIG_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *first_child(const xmlNode *parent, const char *name)
{
	const xmlNode *c;

	for (c = parent ? parent->children : NULL; c; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
	char *copy = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return copy;
}

static char *text(const xmlNode *n)
{
	xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
	char *copy = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return copy;
}

static void copy_fixed(char *dst, size_t cap, const xmlNode *n, const char *name)
{
	char *v = attr(n, name);

	snprintf(dst, cap, "%s", v ? v : "");
	free(v);
}

/* Resolve a path relative to the configuration file's directory. */
static char *resolve(const char *base_dir, char *path)
{
	struct ifgw_buf b;

	if (!path || path[0] == '/')
		return path;
	ifgw_buf_init(&b, 8192);
	if (ifgw_buf_addf(&b, "%s/%s", base_dir, path) != IFGW_OK) {
		ifgw_buf_free(&b);
		return path;
	}
	free(path);
	return ifgw_buf_detach(&b, NULL);
}

static char *file_attr(const xmlNode *n, const char *base_dir)
{
	return n ? resolve(base_dir, attr(n, "file")) : NULL;
}

static int route_cmp(const void *pa, const void *pb)
{
	const struct ifgw_config_route *a = pa, *b = pb;
	int c;

	if (a->product != b->product)
		return a->product < b->product ? -1 : 1;
	if ((c = strcmp(a->country, b->country)) != 0)
		return c;
	if (a->priority != b->priority)
		return a->priority < b->priority ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int read_partner(struct ifgw_config_partner *p, const xmlNode *n, const char *base_dir, const char *path)
{
	const xmlNode *trust = first_child(n, "Trust"), *c;
	char *translit;

	copy_fixed(p->code, sizeof(p->code), n, "code");
	copy_fixed(p->country, sizeof(p->country), n, "country");
	p->line = (unsigned)xmlGetLineNo(n);
	p->adapter = attr(n, "adapter");
	p->fallback = attr(n, "fallback");
	translit = attr(n, "transliterate");
	p->transliterate = !translit ? -1 : strcmp(translit, "true") == 0 || strcmp(translit, "1") == 0;
	free(translit);
	p->name = text(first_child(n, "Name"));
	p->endpoint = text(first_child(n, "Endpoint"));
	for (c = trust ? trust->children : NULL; c; c = c->next) {
		if (is_elem(c, "Cert")) {
			char **grown = realloc(p->trust_certs, (p->trust_cert_count + 1) * sizeof(*grown));

			if (!grown)
				return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
			p->trust_certs = grown;
			p->trust_certs[p->trust_cert_count++] = file_attr(c, base_dir);
		} else if (is_elem(c, "Ca")) {
			p->trust_ca = file_attr(c, base_dir);
		} else if (is_elem(c, "Crl")) {
			p->trust_crl = file_attr(c, base_dir);
		} else if (is_elem(c, "Pin")) {
			char **grown = realloc(p->pins, (p->pin_count + 1) * sizeof(*grown));

			if (!grown)
				return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
			p->pins = grown;
			p->pins[p->pin_count++] = text(c);
		} else if (is_elem(c, "PeerName")) {
			struct ifgw_config_peer_name *grown =
				realloc(p->peer_names, (p->peer_name_count + 1) * sizeof(*grown));

			if (!grown)
				return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
			p->peer_names = grown;
			p->peer_names[p->peer_name_count].kind = attr(c, "kind");
			p->peer_names[p->peer_name_count].value = text(c);
			if (!p->peer_names[p->peer_name_count++].value || !p->peer_names[p->peer_name_count - 1].kind)
				return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		}
	}
	/* Any certificate a CA issued could otherwise pose as this partner. */
	if (p->trust_ca && p->pin_count == 0 && p->peer_name_count == 0)
		return ifgw_error_set(IFGW_EINVAL,
				      "%s:%u: Partner %s: trusted through a CA (Trust/Ca) but bound to no name nor pin: "
				      "add Trust/PeerName (a name its TLS certificate carries) or Trust/Pin",
				      path, p->line, p->code);
	/* A CRL counts only when a configured CA verifies it (certs/trust.h). */
	if (p->trust_crl && !p->trust_ca)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: Partner %s: Trust/Crl without Trust/Ca: a CRL is used only "
				      "when a configured CA verifies it", path, p->line, p->code);
	if (p->adapter && p->fallback && strcmp(p->adapter, p->fallback) == 0)
		return ifgw_error_set(IFGW_EINVAL, "%s:%u: Partner %s: fallback is the same format as the adapter (%s)",
				      path, p->line, p->code, p->adapter);
	return IFGW_OK;
}

static int read_node(struct ifgw_config *cfg, const xmlNode *root, const char *path)
{
	const xmlNode *c, *id = first_child(root, "Identity"), *kp;
	char *dircopy = strdup(path);
	const char *base_dir;
	struct ifgw_error kept;
	size_t np = 0, nr = 0;
	int rc = IFGW_OK;

	if (!dircopy)
		return ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
	base_dir = dirname(dircopy);
	copy_fixed(cfg->code, sizeof(cfg->code), root, "code");
	copy_fixed(cfg->country, sizeof(cfg->country), root, "country");
	cfg->name = text(first_child(root, "Name"));
	if ((kp = first_child(id, "Signing")) != NULL) {
		cfg->sign_key = resolve(base_dir, attr(kp, "key"));
		cfg->sign_cert = resolve(base_dir, attr(kp, "cert"));
	}
	if ((kp = first_child(id, "Tls")) != NULL) {
		cfg->tls_key = resolve(base_dir, attr(kp, "key"));
		cfg->tls_cert = resolve(base_dir, attr(kp, "cert"));
	}
	cfg->listen = text(first_child(root, "Listen"));
	cfg->store = text(first_child(root, "Store"));
	cfg->rates = file_attr(first_child(root, "Rates"), base_dir);
	if ((c = first_child(root, "DefaultTerm")) != NULL) {
		char *days = attr(c, "days"); /* 1..999 digits: the schema checked it */

		cfg->default_term_days = days ? (int)strtol(days, NULL, 10) : 0;
		free(days);
	}
	if ((c = first_child(root, "CrlMaxAge")) != NULL) {
		char *days = attr(c, "days"); /* 1..366: the schema checked it */

		cfg->crl_max_age_days = days ? (int)strtol(days, NULL, 10) : 0;
		free(days);
	}

	for (c = root->children; c; c = c->next)
		np += is_elem(c, "Partner");
	c = first_child(root, "Routes");
	for (c = c ? c->children : NULL; c; c = c->next)
		nr += is_elem(c, "Route");
	cfg->partners = calloc(np ? np : 1, sizeof(*cfg->partners));
	cfg->routes = calloc(nr ? nr : 1, sizeof(*cfg->routes));
	if (!cfg->partners || !cfg->routes) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	for (c = root->children; c; c = c->next) {
		if (!is_elem(c, "Partner"))
			continue;
		rc = read_partner(&cfg->partners[cfg->partner_count++], c, base_dir, path);
		if (rc)
			goto out;
		if (strcmp(cfg->partners[cfg->partner_count - 1].code, cfg->code) == 0) {
			rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: Partner %s: the node cannot be its own partner", path,
					    cfg->partners[cfg->partner_count - 1].line, cfg->code);
			goto out;
		}
	}
	c = first_child(root, "Routes");
	for (c = c ? c->children : NULL; c; c = c->next) {
		struct ifgw_config_route *r;
		char *v;

		if (!is_elem(c, "Route"))
			continue;
		r = &cfg->routes[cfg->route_count++];
		r->line = (unsigned)xmlGetLineNo(c);
		v = attr(c, "product");
		ifgw_error_save(&kept); /* replaced by a message that names the file and line */
		rc = ifgw_product_parse(&r->product, v ? v : "");
		ifgw_error_restore(&kept);
		free(v);
		if (rc) {
			rc = ifgw_error_set(IFGW_EINVAL, "%s:%u: Route: bad product", path, r->line);
			goto out;
		}
		copy_fixed(r->country, sizeof(r->country), c, "country");
		copy_fixed(r->partner, sizeof(r->partner), c, "partner");
		v = attr(c, "priority");
		r->priority = v ? (unsigned)strtoul(v, NULL, 10) : 100; /* schema: unsignedShort */
		free(v);
	}
	qsort(cfg->routes, cfg->route_count, sizeof(*cfg->routes), route_cmp);
out:
	free(dircopy);
	return rc;
}

int ifgw_config_load(struct ifgw_config **out, const char *path)
{
	struct ifgw_config *cfg = NULL;
	struct ifgw_buf data;
	struct ifgw_xml_limits lim = {CONFIG_MAX_BYTES, 0, 0, "not well-formed XML"};
	struct ifgw_xml_first_error fe = {0};
	const struct ifgw_xsd *xsd;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	int rc;

	IFGW_ASSERT_ARG(out);
	IFGW_ASSERT_ARG(path);

	*out = NULL;
	ifgw_buf_init(&data, CONFIG_MAX_BYTES);
	if ((rc = ifgw_file_read(&data, path)) != IFGW_OK)
		goto out;
	if ((rc = ifgw_xsd_get(&xsd, IFGW_CONFIG_SCHEMA)) != IFGW_OK)
		goto out;
	/* refused before parsing, with the configuration's own words */
	if (memmem(ifgw_buf_cstr(&data), data.len, "<!DOCTYPE", 9) ||
	    memmem(ifgw_buf_cstr(&data), data.len, "<!ENTITY", 8)) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s: a DTD is not allowed in a configuration file", path);
		goto out;
	}
	if ((rc = ifgw_xml_parse(&doc, ifgw_buf_cstr(&data), data.len, path, &lim)) != IFGW_OK)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (!is_elem(root, "Node")) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%d: root element must be Node in namespace %s", path,
				    root ? (int)xmlGetLineNo(root) : 1, CONFIG_NS);
		goto out;
	}
	if ((rc = ifgw_xsd_validate(xsd, doc, NULL, &fe)) == IFGW_EPARSE) {
		rc = ifgw_error_set(IFGW_EINVAL, "%s:%ld: %s%s%s", path, fe.line, fe.path, fe.path[0] ? ": " : "",
				    fe.set ? fe.msg : "invalid configuration");
		goto out;
	}
	if (rc != IFGW_OK)
		goto out;
	cfg = calloc(1, sizeof(*cfg));
	if (!cfg || !(cfg->path = strdup(path))) {
		rc = ifgw_error_set(IFGW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	if ((rc = read_node(cfg, root, path)) != IFGW_OK)
		goto out;
	*out = cfg;
	cfg = NULL; /* handed to the caller */
out:
	ifgw_config_free(cfg);
	xmlFreeDoc(doc);
	ifgw_buf_free(&data);
	return rc;
}

static void partner_free(struct ifgw_config_partner *p)
{
	size_t i;

	free(p->name);
	free(p->adapter);
	free(p->fallback);
	free(p->endpoint);
	for (i = 0; i < p->trust_cert_count; i++)
		free(p->trust_certs[i]);
	free(p->trust_certs);
	free(p->trust_ca);
	free(p->trust_crl);
	for (i = 0; i < p->pin_count; i++)
		free(p->pins[i]);
	free(p->pins);
	for (i = 0; i < p->peer_name_count; i++) {
		free(p->peer_names[i].kind);
		free(p->peer_names[i].value);
	}
	free(p->peer_names);
}

void ifgw_config_free(struct ifgw_config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->partner_count; i++)
		partner_free(&cfg->partners[i]);
	free(cfg->partners);
	free(cfg->routes);
	free(cfg->path);
	free(cfg->name);
	free(cfg->sign_key);
	free(cfg->sign_cert);
	free(cfg->tls_key);
	free(cfg->tls_cert);
	free(cfg->listen);
	free(cfg->store);
	free(cfg->rates);
	free(cfg);
}

const struct ifgw_config_partner *ifgw_config_partner(const struct ifgw_config *cfg, const char *code)
{
	size_t i;

	for (i = 0; i < cfg->partner_count; i++)
		if (strcmp(cfg->partners[i].code, code) == 0)
			return &cfg->partners[i];
	return NULL;
}

int ifgw_config_set_store(struct ifgw_config *cfg, const char *uri)
{
	char *copy;

	IFGW_ASSERT_ARG(cfg);
	IFGW_ASSERT_ARG(uri);

	if (!(copy = strdup(uri)))
		return ifgw_error_set(IFGW_ENOMEM, "out of memory");
	free(cfg->store);
	cfg->store = copy;
	return IFGW_OK;
}
