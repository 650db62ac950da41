#!/usr/bin/env python3
"""https_server.py: a throw-away HTTPS server on 127.0.0.1 for tests/integration/fx_fetch.sh.

    python3 https_server.py CERT KEY DIR PORTFILE

Serves the files in DIR like `python3 -m http.server` (GET, Last-Modified,
If-Modified-Since -> 304), over TLS with CERT/KEY, on a free port of
127.0.0.1 that it writes to PORTFILE once it listens.  Misbehaving paths,
so that the client's handling of bad downloads can be tested:

    /status/N           answers HTTP status N with a short HTML body
    /truncated/NAME     announces NAME's full Content-Length, sends half, closes
    /slow               sends headers, then nothing for 10 s
    /redirect-http/NAME 302 to http://127.0.0.1:PORT/NAME (must be refused)
    /redirect/NAME      302 to https://127.0.0.1:PORT/NAME (must be followed)
    /chunked/NAME       NAME with chunked transfer encoding (no Content-Length)

Runs until killed."""
import functools
import http.server
import os
import ssl
import sys
import time


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("https_server: %s\n" % (fmt % args))

    def _file(self, name):
        path = os.path.join(self.directory, os.path.basename(name))
        with open(path, "rb") as f:
            return f.read()

    def _plain(self, code, body, extra=()):
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = self.path.split("/", 2)
        kind = parts[1] if len(parts) > 1 else ""
        arg = parts[2] if len(parts) > 2 else ""
        port = self.server.server_address[1]
        if kind == "status":
            self._plain(int(arg), b"<html><body>no such rates here</body></html>\n")
        elif kind == "truncated":
            data = self._file(arg)
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif kind == "slow":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            time.sleep(10)
            self.close_connection = True
        elif kind == "redirect-http":
            self._plain(302, b"moved\n", [("Location", "http://127.0.0.1:%d/%s" % (port, arg))])
        elif kind == "redirect":
            self._plain(302, b"moved\n", [("Location", "https://127.0.0.1:%d/%s" % (port, arg))])
        elif kind == "chunked":
            data = self._file(arg)
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(0, len(data), 8192):
                chunk = data[i : i + 8192]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        else:
            super().do_GET()


def main():
    cert, key, directory, portfile = sys.argv[1:5]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=directory))
    server.daemon_threads = True
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(tmp, portfile)  # the test polls for the file: it appears complete
    server.serve_forever()


if __name__ == "__main__":
    main()
