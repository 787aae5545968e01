"""Serves HTTP on 127.0.0.1 and answers only requests that were in flight together.

Usage: barrier_server.py PARTIES. Prints `ready PORT`. Each GET waits (up to 20 s) until PARTIES
requests are waiting at once, then all of them are answered 200 `together`; a request that waited
in vain is answered 503 `alone`. Stops when standard input closes.
"""

import http.server
import sys
import threading

barrier = threading.Barrier(int(sys.argv[1]))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 - the name http.server calls
        try:
            barrier.wait(timeout=20)
            status, body = 200, b"together"
        except threading.BrokenBarrierError:
            status, body = 503, b"alone"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"ready {server.server_address[1]}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
