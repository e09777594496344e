#!/usr/bin/env python3
"""Edit-to-reload latency of `dossier serve` on a large synthetic site.

Starts `dossier serve` on a corpus from corpus.py, connects to the live-reload WebSocket as
a browser page would, then edits one article at a time and measures the time from the file
write to the reload message naming that article's page. Also reports the server's own
"Rebuilt in N ms" figure for each edit.

    python3 Benchmarks/serve.py --articles 10000 --edits 10
"""

import argparse
import base64
import os
import re
import select
import shutil
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402
from bench import release_binary  # noqa: E402


class WebSocket:
    """Just enough of RFC 6455 to read the server's text messages."""

    def __init__(self, port, path="/_dossier/live"):
        self.sock = socket.create_connection(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise RuntimeError(head.decode(errors="replace"))

    def _exactly(self, n, deadline):
        data = b""
        while len(data) < n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.sock], [], [], left)[0]:
                return None
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def receive(self, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            header = self._exactly(2, deadline)
            if header is None:
                return None
            length = header[1] & 0x7F
            if length == 126:
                length = int.from_bytes(self._exactly(2, deadline), "big")
            elif length == 127:
                length = int.from_bytes(self._exactly(8, deadline), "big")
            payload = self._exactly(length, deadline)
            if payload is None:
                return None
            if header[0] & 0x0F == 1:
                return payload.decode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--root", default="/dev/shm/dossier-serve-bench" if os.path.isdir("/dev/shm") else "Benchmarks/corpus-serve")
    parser.add_argument("--dossier", help="dossier binary (default: build the release binary)")
    args = parser.parse_args()

    dossier = args.dossier or release_binary()

    site = os.path.join(args.root, str(args.articles))
    if os.path.exists(site):
        shutil.rmtree(site)
    gen = corpus.Corpus(args.articles, args.seed)
    corpus.write_dossier(gen, [gen.article(i) for i in range(args.articles)], site)

    server = subprocess.Popen([dossier, "serve", "--site", site, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        started = time.monotonic()
        banner = server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", banner)
        if not match:
            sys.exit(f"serve did not start: {banner}{server.stderr.read()}")
        port = int(match.group(1))
        first = server.stderr.readline().strip()
        print(f"{args.articles} articles: {first} (ready after {time.monotonic() - started:.2f} s)")
        live = WebSocket(port)
        live.receive()  # the state on connecting

        latencies, rebuilt = [], []
        for i in range(args.edits):
            article = f"article-{(i * 7919) % args.articles:06d}"
            path = os.path.join(site, "Content", "articles", article + ".md")
            page = f'"articles/{article}/index.html"'
            with open(path, "a", encoding="utf-8") as f:
                start = time.monotonic()
                f.write(f"\nEdited paragraph {i} about [[{gen.actors[0].id}]].\n")
            while True:
                message = live.receive(timeout=120)
                if message is None:
                    sys.exit("no reload message arrived")
                if page in message:
                    break
            latencies.append((time.monotonic() - start) * 1000)
            line = server.stderr.readline()
            print("  " + line.strip())
            found = re.search(r"Rebuilt in (\d+) ms", line)
            if found:
                rebuilt.append(int(found.group(1)))
            time.sleep(0.2)

        def stats(values):
            return f"median {statistics.median(values):.0f} ms (min {min(values):.0f}, max {max(values):.0f})"

        print(f"edit -> reload message: {stats(latencies)} over {len(latencies)} edits "
              f"(includes the watcher's 30 ms quiet period)")
        if rebuilt:
            print(f"server rebuild time:    {stats(rebuilt)}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
