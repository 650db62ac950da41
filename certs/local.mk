# certs/: identities, partner trust, XMLDSig on a strict profile, test PKI.

# --- pki: identities, partner trust, test PKI, TLS contexts (no network code: see gateway/net/)
libifgw_a_SOURCES += \
	certs/cert.h certs/cert.c \
	certs/identity.h certs/identity.c \
	certs/trust.h certs/trust.c \
	certs/pki.h certs/pki.c \
	certs/tls.h certs/tls.c \
	certs/health.h certs/health.c

check_PROGRAMS += tests/unit/test_trust
TESTS += tests/unit/test_trust
tests_unit_test_trust_SOURCES = tests/unit/test_trust.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_trust_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_trust_LDADD = $(IFGW_TEST_LIBS)

check_PROGRAMS += tests/unit/test_tls
TESTS += tests/unit/test_tls
tests_unit_test_tls_SOURCES = tests/unit/test_tls.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_tls_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_tls_LDADD = $(IFGW_TEST_LIBS) -lpthread

check_PROGRAMS += tests/unit/test_pki
TESTS += tests/unit/test_pki
tests_unit_test_pki_SOURCES = tests/unit/test_pki.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_pki_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_pki_LDADD = $(IFGW_TEST_LIBS)

check_PROGRAMS += tests/unit/test_cert_health
TESTS += tests/unit/test_cert_health
tests_unit_test_cert_health_SOURCES = tests/unit/test_cert_health.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_cert_health_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_cert_health_LDADD = $(IFGW_TEST_LIBS)

TESTS += tests/integration/certs_cli.sh
# CRLs made with the openssl command: verified by the partner's CA, aged, forged; KeyInfo order.
TESTS += tests/integration/certs_crl.sh

# --- dsig: XMLDSig sign/verify on the strict profile (the hardened parse is base/xml.h)
libifgw_a_SOURCES += \
	certs/c14n.h certs/c14n.c \
	certs/xmldsig.h certs/xmldsig_int.h certs/xmldsig.c \
	certs/xmldsig_sign.c certs/xmldsig_verify.c

EXTRA_PROGRAMS += bench/bench_dsig
BENCH_PROGS += bench/bench_dsig
bench_bench_dsig_SOURCES = bench/bench_dsig.c $(IFGW_BENCH_UTIL)
bench_bench_dsig_LDADD = libifgw.a $(IFGW_DEP_LIBS)

check_PROGRAMS += tests/unit/test_xmldsig
TESTS += tests/unit/test_xmldsig
tests_unit_test_xmldsig_SOURCES = tests/unit/test_xmldsig.c tests/unit/certs_fixture.h tests/unit/testutil.h
tests_unit_test_xmldsig_CFLAGS = $(IFGW_TEST_CFLAGS)
tests_unit_test_xmldsig_LDADD = $(IFGW_TEST_LIBS)

TESTS += tests/integration/xmlsec_interop.sh

check_PROGRAMS += tests/fuzz/fuzz_verify
TESTS += tests/fuzz/fuzz_verify
tests_fuzz_fuzz_verify_SOURCES = tests/fuzz/fuzz_verify.c $(IFGW_FUZZ_RUNNER)
tests_fuzz_fuzz_verify_LDADD = $(IFGW_TEST_LIBS)

# Real handshakes against the openssl command (tests/integration/tls_peers.sh):
# tls_peer runs our server (a node's snapshot) or our client (libcurl) once.
check_PROGRAMS += tests/integration/tls_peer
tests_integration_tls_peer_SOURCES = tests/integration/tls_peer.c
tests_integration_tls_peer_LDADD = libifgw.a $(IFGW_DEP_LIBS)
TESTS += tests/integration/tls_peers.sh
EXTRA_DIST += tests/integration/tls_peers.sh
