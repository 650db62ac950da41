# serve_slow.py PORT CA CRT KEY: slow clients (slowloris) against `ifgw serve
# --timeout 2` (serve_inbound.sh): a partner that trickles its request a byte
# at a time, and a client that trickles its handshake, are each closed by the
# server although they never stop sending; the script fails if either is
# still open after LIMIT seconds (a guard, far above the timeout).
import socket, ssl, sys, time

LIMIT = 30
port, ca, crt, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]


def trickle(sock, data):
    start = time.monotonic()
    sent = 0
    sock.settimeout(0.3)
    while time.monotonic() - start < LIMIT:
        try:
            sock.send(data[sent % len(data):sent % len(data) + 1])
            sent += 1
            if sock.recv(4096) == b"":
                return sent
        except (socket.timeout, ssl.SSLWantReadError):
            continue
        except (OSError, ssl.SSLError):
            return sent
    raise SystemExit("still open after %d s and %d bytes" % (LIMIT, sent))


ctx = ssl.create_default_context(cafile=ca)
ctx.load_cert_chain(crt, key)
s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=20), server_hostname="127.0.0.1")
print("request trickled: closed after %d bytes" % trickle(s, b"POST /v1/messages HTTP/1.1\r\nX-Slow: " + b"a" * 4000))
s.close()
raw = socket.create_connection(("127.0.0.1", port), timeout=20)
# A TLS record header announcing a long handshake, then its body a byte at a time.
print("handshake trickled: closed after %d bytes" % trickle(raw, b"\x16\x03\x01\x3f\xff" + b"\x01" * 16000))
raw.close()
