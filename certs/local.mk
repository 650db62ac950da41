# certs/: identities, partner trust, XMLDSig on a strict profile, test PKI.

# --- pki: identities, partner trust, test PKI, TLS contexts
libifgw_a_SOURCES += \
	certs/cert.h certs/cert.c \
	certs/identity.h certs/identity.c \
	certs/trust.h certs/trust.c \
	certs/pki.h certs/pki.c
