#!/usr/bin/env python3
"""`dossier serve` under load while the site is edited: wrk against a few pages, an editor
saving a file every 250 ms, and the server's memory before and after.

    python3 Benchmarks/load.py --seconds 10

Serves a copy of the example site (the repository's Content/) on 127.0.0.1 with the release
binary. Needs wrk (`apt-get install wrk`). Reports requests per second, latency, non-2xx
answers and socket errors per URL, and the server's resident memory.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from bench import release_binary  # noqa: E402

URLS = ["/", "/actors/iran/", "/articles/rapprochement-2021-2022/", "/search/index.js", "/graph/"]


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_example_site(binary, prefix):
    """`dossier serve` on a copy of the example site, on a free port, once it answers:
    (server process, site folder, port)."""
    site = tempfile.mkdtemp(prefix=prefix)
    shutil.copytree(os.path.join(REPO, "Content"), os.path.join(site, "Content"))
    shutil.copy(os.path.join(REPO, "dossier.yml"), site)
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--site", site, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    time.sleep(0.5)
    return server, site, port


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2, help="times through the URLs (memory should level off)")
    parser.add_argument("--dossier", help="dossier binary (default: build the release binary)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")
    binary = args.dossier or release_binary()
    server, site, port = serve_example_site(binary, "dossier-load-")
    before = rss_mb(server.pid)
    stop = threading.Event()
    edits = [0]
    article = os.path.join(site, "Content/articles/rapprochement-2021-2022.md")
    original = open(article, encoding="utf-8").read()

    def editor():
        while not stop.is_set():
            edits[0] += 1
            with open(article + ".tmp", "w", encoding="utf-8") as f:
                f.write(original + f"\nAn edit, number {edits[0]}.\n")
            os.replace(article + ".tmp", article)
            time.sleep(0.25)

    thread = threading.Thread(target=editor)
    thread.start()
    print(f"dossier serve on 127.0.0.1:{port}, {args.connections} connections, {args.seconds} s per URL, an edit every 250 ms")
    print("| URL | requests/s | latency p50 | p99 | requests | non-2xx | socket errors | server memory after |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    try:
        for url in URLS * args.rounds:
            out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency",
                                  f"http://127.0.0.1:{port}{url}"], capture_output=True, text=True).stdout
            rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
            total = re.search(r"(\d+) requests in", out)
            p50 = re.search(r"50%\s+([\d.]+\w+)", out)
            p99 = re.search(r"99%\s+([\d.]+\w+)", out)
            non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            errors = re.search(r"Socket errors: (.*)", out)
            print(f"| {url} | {rps.group(1) if rps else '?'} | {p50.group(1) if p50 else '?'} | {p99.group(1) if p99 else '?'} | "
                  f"{total.group(1) if total else '?'} | {non2xx.group(1) if non2xx else 0} | {errors.group(1) if errors else 'none'} | "
                  f"{rss_mb(server.pid):.0f} MB |")
    finally:
        stop.set()
        thread.join()
        after = rss_mb(server.pid)
        server.terminate()
        server.wait()
        shutil.rmtree(site, ignore_errors=True)
    print(f"\n{edits[0]} edits; server memory {before:.0f} MB before, {after:.0f} MB after")


if __name__ == "__main__":
    main()
