#!/usr/bin/env python3
"""Full-text search beside Pagefind, on the same site: index size on disk, build time added,
bytes a first query loads and query latency in headless Chromium.

    python3 Benchmarks/search.py --articles 1000 --articles 10000

For each size: writes the corpus of Benchmarks/corpus.py (on tmpfs), builds it with the
release `dossier` (`--timings` reports the search index's own time), then runs Pagefind
over the same output (`pip install pagefind-bin`; it is only ever run here, never by
Dossier). Both are then served by a local HTTP server without compression and queried in
Chromium, driven over its DevTools pipe: each query in a fresh browser context (nothing
cached), timed from loading the search code to having the top 10 results with their
excerpts, then the same query again warm. Bytes are what the server sent for the query (both
uncompressed, and gzipped as a web server would send them; Pagefind's index files are
gzipped already).
"""

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import prepare_corpus, release_binary, run  # noqa: E402

# Words of the corpus: common, rarer, a prefix, two words, an actor's name, and nothing.
QUERIES = ["border", "loan", "negot", "energy summit", "arduria", "zzzz"]

DOSSIER_QUERY = """(async (q) => {
  const load = src => new Promise((ok, fail) => { const s = document.createElement('script'); s.src = src; s.onload = ok; s.onerror = fail; document.head.appendChild(s); });
  const t0 = performance.now();
  if (!self.dossierSearchQuery) { await load('/search/index.js'); await load('/assets/search.js'); }
  const found = await dossierSearchQuery(q);
  const top = await Promise.all(found.results.slice(0, 10).map(r => dossierSearchExcerpt(r.unit, found.tokens, r.inText)));
  return {ms: performance.now() - t0, results: found.results.length, shown: top.length};
})"""

PAGEFIND_QUERY = """(async (q) => {
  const t0 = performance.now();
  if (!self.pf) { self.pf = await import('/pagefind/pagefind.js'); await self.pf.init(); }
  const found = await self.pf.search(q);
  const top = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  return {ms: performance.now() - t0, results: found.results.length, shown: top.length};
})"""


class Chromium:
    """Headless Chromium over --remote-debugging-pipe: JSON messages ending in NUL on fds 3/4."""

    def __init__(self, executable):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        flags = ["--headless", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run", "about:blank"]
        if os.geteuid() == 0:
            flags.insert(0, "--no-sandbox")
        self.process = subprocess.Popen([executable, *flags], preexec_fn=wire, close_fds=False,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed its pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def fresh_page(self, url):
        """A page in a new browser context (its own, empty cache), loaded."""
        context = self.send("Target.createBrowserContext")["browserContextId"]
        target = self.send("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.navigate", {"url": url}, session)
        for _ in range(200):
            state = self.evaluate(session, "document.readyState")
            if state == "complete":
                break
            time.sleep(0.05)
        return context, session

    def evaluate(self, session, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True}, session)
        if "exceptionDetails" in result:
            raise RuntimeError(json.dumps(result["exceptionDetails"])[:500])
        return result["result"].get("value")

    def close_context(self, context):
        self.send("Target.disposeBrowserContext", {"browserContextId": context})

    def quit(self):
        self.process.kill()
        self.process.wait()


def serve(folder):
    handler = functools.partial(QuietHandler, directory=folder)
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# Every path the server sent, in order: the bytes a query cost, whatever fetched them
# (Pagefind fetches from a worker, which the page's resource timings do not list).
REQUESTS = []


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        REQUESTS.append(self.path.split("?")[0].lstrip("/"))
        super().do_GET()


def folder_size(folder, skip=()):
    files, total = 0, 0
    for base, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            if os.path.relpath(path, folder) in skip:
                continue
            files += 1
            total += os.path.getsize(path)
    return files, total


def gzipped(path, cache={}):
    if path not in cache:
        with open(path, "rb") as f:
            cache[path] = len(gzip.compress(f.read(), 6))
    return cache[path]


def query_runs(browser, output, harness, fresh_url):
    rows = {}
    for query in QUERIES:
        context, session = browser.fresh_page(fresh_url)
        REQUESTS.clear()
        cold = browser.evaluate(session, f"{harness}({json.dumps(query)})")
        loaded = [path for path in REQUESTS if os.path.isfile(os.path.join(output, path))]
        warm = [browser.evaluate(session, f"{harness}({json.dumps(query)})")["ms"] for _ in range(5)]
        browser.close_context(context)
        rows[query] = {
            "results": cold["results"], "first_query_ms": round(cold["ms"], 1), "warm_ms": round(statistics.median(warm), 2),
            "files_loaded": len(loaded), "bytes_loaded": sum(os.path.getsize(os.path.join(output, path)) for path in loaded),
            "bytes_loaded_gzip": sum(gzipped(os.path.join(output, path)) for path in loaded),
        }
    return rows


def measure(args, articles, binary, pagefind, chromium):
    root = args.root or tempfile.mkdtemp(prefix="dossier-search-")
    corpus_root = os.path.join(root, f"corpus-{articles}")
    prepare_corpus(corpus_root, articles, args.seed, with_hugo=False)
    site = os.path.join(corpus_root, "dossier")
    output = os.path.join(root, f"search-output-{articles}")
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(os.path.join(site, ".dossier"), ignore_errors=True)
    build = run([binary, "build", "--site", site, "--output", output, "--timings"])
    search_seconds = next((float(line.split()[1]) for line in build["output"].splitlines() if line.strip().startswith("search ")), None)
    files, size = folder_size(os.path.join(output, "search"), skip={"index.html"})
    gz = sum(gzipped(os.path.join(base, name)) for base, _, names in os.walk(os.path.join(output, "search"))
             for name in names if name != "index.html")
    report = {"articles": articles, "pages": sum(1 for _, _, names in os.walk(output) for n in names if n.endswith(".html")),
              "dossier": {"build_s": round(build["wall"], 2), "search_index_s": search_seconds,
                          "index_files": files, "index_bytes": size, "index_bytes_gzip": gz}}
    if pagefind:
        started = time.monotonic()
        indexed = subprocess.run([pagefind, "--site", output, "--output-subdir", "pagefind"], capture_output=True, text=True)
        elapsed = time.monotonic() - started
        pf_files, pf_size = folder_size(os.path.join(output, "pagefind"))
        fragments = folder_size(os.path.join(output, "pagefind", "fragment"))
        report["pagefind"] = {"build_s": round(elapsed, 2), "exit": indexed.returncode, "index_files": pf_files,
                              "index_bytes": pf_size, "fragment_files": fragments[0], "fragment_bytes": fragments[1]}
    if chromium:
        server = serve(output)
        port = server.server_address[1]
        browser = Chromium(chromium)
        try:
            blank = f"http://127.0.0.1:{port}/sitemap-blank.html"
            with open(os.path.join(output, "sitemap-blank.html"), "w") as f:
                f.write("<!doctype html><title>bench</title>")
            report["dossier"]["queries"] = query_runs(browser, output, DOSSIER_QUERY, blank)
            if pagefind:
                report["pagefind"]["queries"] = query_runs(browser, output, PAGEFIND_QUERY, blank)
        finally:
            browser.quit()
            server.shutdown()
    shutil.rmtree(os.path.join(output, "pagefind"), ignore_errors=True)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, action="append")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--root", default="/dev/shm/dossier-search" if os.path.isdir("/dev/shm") else None)
    parser.add_argument("--dossier", help="dossier binary (default: build the release binary)")
    parser.add_argument("--pagefind", default=shutil.which("pagefind"), help="the pagefind binary (pip install pagefind-bin)")
    args = parser.parse_args()
    if not args.pagefind:
        try:
            import pagefind_bin  # noqa: F401
            candidate = os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind")
            args.pagefind = candidate if os.path.exists(candidate) else None
        except ImportError:
            pass
    if not args.pagefind:
        print("pagefind not found (pip install pagefind-bin): measuring Dossier alone", file=sys.stderr)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium not found: no query measurements", file=sys.stderr)
    binary = args.dossier or release_binary()
    reports = [measure(args, n, binary, args.pagefind, chromium) for n in (args.articles or [1000])]
    print(json.dumps(reports, indent=2))


if __name__ == "__main__":
    main()
