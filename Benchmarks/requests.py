#!/usr/bin/env python3
"""What hostile requests cost `dossier serve`: time to answer oversized request heads, memory
taken by a WebSocket frame that announces 1 GiB, and whether the server still answers others.

    python3 Benchmarks/requests.py [--dossier PATH]

Each row sends one request to a fresh connection and times it until the server answers or
closes (at most --timeout seconds), then times a normal request on another connection sent
right after it. A server whose parsing is linear answers the oversized heads in milliseconds,
and refuses them (414, 431) before reading them whole.
"""

import argparse
import os
import shutil
import socket
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import release_binary  # noqa: E402
from load import rss_mb, serve_example_site  # noqa: E402


def exchange(port, payload, timeout):
    """Sends `payload`, reads until the server answers a status line or closes; returns
    (seconds, status line or what happened)."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(payload)
        except OSError as error:  # the server refused and closed while we were still sending
            pass
        s.settimeout(max(0.1, timeout - (time.monotonic() - start)))
        data = b""
        try:
            while b"\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            return time.monotonic() - start, f"no answer in {timeout:.0f} s"
        except OSError as error:
            return time.monotonic() - start, f"closed ({error.__class__.__name__})"
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    return time.monotonic() - start, line or "closed without answer"


def normal(port):
    return exchange(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 30)


def websocket_bomb(port):
    """Opens the live-reload socket as the preview's own page would, then announces a 1 GiB
    text frame and sends 1 MB of it. Returns what the server answered to the handshake."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall((f"GET /_dossier/live HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n"
               "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\n").encode())
    try:
        head = s.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
    except OSError as error:
        return s, f"no handshake ({error.__class__.__name__})"
    frame = bytes([0x81, 0x80 | 127]) + struct.pack(">Q", 1 << 30) + b"\0\0\0\0"
    try:
        s.sendall(frame)
        for _ in range(16):
            s.sendall(b"a" * 65536)
    except OSError:
        pass
    time.sleep(1)
    return s, head


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossier", help="dossier binary (default: build the release binary)")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    binary = args.dossier or release_binary()
    server, site, port = serve_example_site(binary, "dossier-requests-")
    try:
        print(f"dossier serve ({binary}) on 127.0.0.1:{port}; memory at start {rss_mb(server.pid):.0f} MB")
        print("| request | answer | time | a normal request right after | server memory |")
        print("| --- | --- | ---: | ---: | ---: |")
        # First, while the server is idle: the rows below may leave it busy.
        before = rss_mb(server.pid)
        sock, head = websocket_bomb(port)
        after, _ = normal(port)
        print(f"| WebSocket frame announcing 1 GiB, 1 MB sent (handshake: {head}) | | | {after * 1000:.1f} ms | "
              f"{before:.0f} → {rss_mb(server.pid):.0f} MB |")
        sock.close()
        for label, size in [("8 KB", 8 * 1024), ("64 KB", 64 * 1024), ("1 MB", 1024 * 1024)]:
            rows = [
                (f"one header line of {label}", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * size + b"\r\n\r\n"),
                (f"request target of {label}", b"GET /" + b"a" * size + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
                (f"{label} of 100-byte header lines", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 + b"".join(b"X-%06d: " % i + b"b" * 90 + b"\r\n" for i in range(size // 100)) + b"\r\n"),
            ]
            for name, payload in rows:
                seconds, answer = exchange(port, payload, args.timeout)
                after, _ = normal(port)
                print(f"| {name} | {answer} | {seconds * 1000:.1f} ms | {after * 1000:.1f} ms | {rss_mb(server.pid):.0f} MB |")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
