# serve_reload.py PORT CA CRT KEY PID LOG: a partner's keep-alive connection
# to `ifgw serve` is answered, the service is sent SIGHUP and reloads (its LOG
# says so), and the same connection is answered again: a reload drops no
# connection (serve_inbound.sh).
import os, signal, socket, ssl, sys, time

port, ca, crt, key, pid, log = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
ctx = ssl.create_default_context(cafile=ca)
ctx.load_cert_chain(crt, key)


def ask(s):
    s.sendall(b"GET /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            raise SystemExit("connection closed by the server")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            length = int(v)
    while len(body) < length:
        body += s.recv(4096)
    return int(head.split(b" ")[1])


def reloads():
    with open(log) as f:
        return sum(1 for line in f if " event=reloaded " in line)


s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=20), server_hostname="127.0.0.1")
assert ask(s) == 405
before = reloads()
os.kill(pid, signal.SIGHUP)
deadline = time.monotonic() + 20
while reloads() == before:
    if time.monotonic() > deadline:
        raise SystemExit("no reload logged")
    time.sleep(0.05)
assert ask(s) == 405, "the same connection after the reload"
s.close()
print("answered before and after the reload on one connection")
