#!/usr/bin/env python3
"""Edit-to-reload latency of `dossier serve` on a large synthetic site, beside `hugo server`.

Starts `dossier serve` on a corpus from corpus.py, connects to the live-reload WebSocket as
a browser page would, then edits one article at a time and measures the time from the file
write to the reload message naming that article's page, and to the page served with the
edit in it. Also reports the server's own "Rebuilt in N ms" figure for each edit. With Hugo
installed (Debian's `hugo`), runs `hugo server` on the same corpus and measures the time
from the same edits to the page it serves.

    python3 Benchmarks/serve.py --articles 10000 --edits 10 [--no-hugo]
"""

import argparse
import base64
import http.client
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


def served_after(port, path, needle, start, timeout=120):
    """Milliseconds from `start` until GET `path` returns a page containing `needle`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    deadline = start + timeout
    while time.monotonic() < deadline:
        try:
            connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
            response = connection.getresponse()
            body = response.read()
            if needle in body:
                return (time.monotonic() - start) * 1000
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        time.sleep(0.002)
    sys.exit(f"{path} never showed the edit")


def stats(values):
    return f"median {statistics.median(values):.0f} ms (min {min(values):.0f}, max {max(values):.0f})"


def edited_article(i, count):
    return f"article-{(i * 7919) % count:06d}"


def measure_hugo(hugo, gen, args):
    """`hugo server` on the same corpus: edit to the page served with the edit."""
    site = os.path.join(args.root, f"hugo-{args.articles}")
    corpus.write_hugo(gen, [gen.article(i) for i in range(args.articles)], site)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([hugo, "server", "--source", site, "--port", str(port), "--bind", "127.0.0.1",
                               "--disableLiveReload", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        started = time.monotonic()
        # Ready when it serves an article (it may listen before the site is built).
        first = f"/articles/{edited_article(0, args.articles)}/"
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", first)
                if connection.getresponse().status == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            if server.poll() is not None or time.monotonic() - started > 600:
                sys.exit(f"hugo server did not start: {server.stdout.read()}")
            time.sleep(0.1)
        print(f"hugo server: ready after {time.monotonic() - started:.2f} s")
        time.sleep(args.settle)
        served = []
        for i in range(args.edits):
            article = edited_article(i, args.articles)
            needle = f"Edited paragraph {i} in Hugo".encode()
            with open(os.path.join(site, "content", "articles", article + ".md"), "a", encoding="utf-8") as f:
                start = time.monotonic()
                f.write(f"\nEdited paragraph {i} in Hugo about {gen.actors[0].name}.\n")
            served.append(served_after(port, f"/articles/{article}/", needle, start))
            time.sleep(0.3)
        print(f"hugo server, edit -> page served: {stats(served)} over {len(served)} edits")
        return served
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(site, ignore_errors=True)


def measure(articles, edits, seed, root, dossier, hugo=None, settle=3.0, log=print):
    """Runs the edits against `dossier serve` (and `hugo server` when `hugo` is given) on a
    corpus of `articles`; returns the times in milliseconds."""
    site = os.path.join(root, str(articles))
    if os.path.exists(site):
        shutil.rmtree(site)
    gen = corpus.Corpus(articles, seed)
    corpus.write_dossier(gen, [gen.article(i) for i in range(articles)], site)

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
        log(f"{articles} articles: {first} (ready after {time.monotonic() - started:.2f} s)")
        live = WebSocket(port)
        live.receive()  # the state on connecting
        time.sleep(settle)

        latencies, rebuilt, served = [], [], []
        for i in range(edits):
            article = edited_article(i, articles)
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
            served.append(served_after(port, f"/articles/{article}/", f"Edited paragraph {i} about".encode(), start))
            line = server.stderr.readline()
            log("  " + line.strip())
            found = re.search(r"Rebuilt in (\d+) ms", line)
            if found:
                rebuilt.append(int(found.group(1)))
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait()

    class Args:
        pass
    hugo_args = Args()
    hugo_args.root, hugo_args.articles, hugo_args.edits, hugo_args.settle = root, articles, edits, settle
    hugo_served = measure_hugo(hugo, gen, hugo_args) if hugo else None
    return {"reload": latencies, "served": served, "rebuilt": rebuilt, "hugo_served": hugo_served}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--root", default="/dev/shm/dossier-serve-bench" if os.path.isdir("/dev/shm") else "Benchmarks/corpus-serve")
    parser.add_argument("--dossier", help="dossier binary (default: build the release binary)")
    parser.add_argument("--no-hugo", action="store_true", help="measure Dossier only")
    parser.add_argument("--settle", type=float, default=3.0,
                        help="seconds between a server being ready and the first edit, as a writer would take")
    args = parser.parse_args()

    dossier = args.dossier or release_binary()
    hugo = None if args.no_hugo else shutil.which("hugo")
    if not hugo and not args.no_hugo:
        print("hugo not found (apt-get install hugo): Dossier only")
    times = measure(args.articles, args.edits, args.seed, args.root, dossier, hugo, args.settle)
    print(f"edit -> reload message: {stats(times['reload'])} over {len(times['reload'])} edits "
          f"(includes the watcher's settle period: 2 ms after a closed file)")
    print(f"edit -> page served:    {stats(times['served'])}")
    if times["rebuilt"]:
        print(f"server rebuild time:    {stats(times['rebuilt'])}")
    if times["hugo_served"]:
        print(f"Dossier / hugo server, edit -> page served (medians): "
              f"{statistics.median(times['served']) / statistics.median(times['hugo_served']):.2f}x")


if __name__ == "__main__":
    main()
