# serve_conns.py PORT CA CRT KEY N: one partner opens N keep-alive connections to
# `ifgw serve`, each answered (405 to a GET); one more is refused with 429 and
# the reason; once all are closed a new one is answered again (serve_inbound.sh).
import socket, ssl, sys

port, ca, crt, key, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
ctx = ssl.create_default_context(cafile=ca)
ctx.load_cert_chain(crt, key)


def ask(s):
    s.sendall(b"GET /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            length = int(v)
    while len(body) < length:
        chunk = s.recv(4096)
        if not chunk:
            break
        body += chunk
    return int(head.split(b" ")[1]), body.decode("utf-8", "replace").strip()


def connect():
    return ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=20), server_hostname="127.0.0.1")


conns = []
for i in range(n):
    s = connect()
    code, _ = ask(s)
    assert code == 405, (i, code)
    conns.append(s)
s = connect()
code, body = ask(s)
assert code == 429, code
print(body)
s.close()
for c in conns:
    c.close()
s = connect()
code, _ = ask(s)
assert code == 405, ("after closing", code)
s.close()
