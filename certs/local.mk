# certs/: identities, partner trust, XMLDSig on a strict profile, test PKI.
