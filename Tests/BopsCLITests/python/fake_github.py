"""A stand-in for the GitHub REST API on 127.0.0.1: issue comments and release downloads.

    python3 fake_github.py FILES_DIR     prints "port N" once listening

- GET/POST /repos/O/R/issues/N/comments, PATCH/DELETE /repos/O/R/issues/comments/ID, as GitHub
  answers them (pagination with per_page/page, 201 on create, 204 on delete, 422 for a body over
  65,536 characters, 401 without "Authorization: Bearer test-token").
- GET /releases/download/TAG/FILE serves FILES_DIR/TAG/FILE.
- GET /_comments (every comment) and GET /_log (every request: method, path, body size).
"""

import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FILES = sys.argv[1] if len(sys.argv) > 1 else "."
LIMIT = 65536
lock = threading.Lock()
comments = {}  # id -> {"id", "issue", "body", "user"}
log = []
next_id = [1000]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, value=None, raw=None):
        data = raw if raw is not None else (b"" if value is None else json.dumps(value).encode())
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if raw is None else "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        size = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(size) if size else b""

    def handle_any(self, method):
        url = urlsplit(self.path)
        parts = [p for p in url.path.split("/") if p]
        raw = self.body()
        if not url.path.startswith("/_"):  # the test's own look-ups are not part of the log
            with lock:
                log.append({"method": method, "path": url.path, "size": len(raw)})
        if parts[:1] == ["_comments"]:
            with lock:
                return self.answer(200, sorted(comments.values(), key=lambda c: c["id"]))
        if parts[:1] == ["_log"]:
            with lock:
                return self.answer(200, log)
        if parts[:2] == ["releases", "download"] and method == "GET" and len(parts) == 4:
            path = os.path.join(FILES, parts[2], parts[3])
            if not os.path.isfile(path):
                return self.answer(404, {"message": "Not Found"})
            with open(path, "rb") as f:
                return self.answer(200, raw=f.read())
        if self.headers.get("Authorization") != "Bearer test-token":
            return self.answer(401, {"message": "Bad credentials"})
        if len(parts) == 6 and parts[0] == "repos" and parts[3] == "issues" and parts[5] == "comments":
            issue = int(parts[4])
            if method == "GET":
                query = parse_qs(url.query)
                per_page = int(query.get("per_page", ["30"])[0])
                page = int(query.get("page", ["1"])[0])
                with lock:
                    mine = sorted((c for c in comments.values() if c["issue"] == issue), key=lambda c: c["id"])
                return self.answer(200, mine[(page - 1) * per_page : page * per_page])
            if method == "POST":
                text = json.loads(raw)["body"]
                if len(text) > LIMIT:
                    return self.answer(422, {"message": "Body is too long (maximum is 65536 characters)"})
                with lock:
                    next_id[0] += 1
                    c = {"id": next_id[0], "issue": issue, "body": text, "user": {"login": "github-actions[bot]"}}
                    comments[c["id"]] = c
                return self.answer(201, c)
        if len(parts) == 6 and parts[0] == "repos" and parts[3:5] == ["issues", "comments"]:
            cid = int(parts[5])
            with lock:
                if cid not in comments:
                    return self.answer(404, {"message": "Not Found"})
                if method == "PATCH":
                    text = json.loads(raw)["body"]
                    if len(text) > LIMIT:
                        return self.answer(422, {"message": "Body is too long (maximum is 65536 characters)"})
                    comments[cid]["body"] = text
                    return self.answer(200, comments[cid])
                if method == "DELETE":
                    del comments[cid]
                    return self.answer(204)
        return self.answer(404, {"message": "Not Found"})

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def do_DELETE(self):
        self.handle_any("DELETE")


# The test runner may start this process with SIGTERM blocked: stop on it all the same.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"port {server.server_address[1]}", flush=True)
server.serve_forever()
