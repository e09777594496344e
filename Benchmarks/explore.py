#!/usr/bin/env python3
"""Measure the reader-side features on a synthetic corpus: search index, previews, graph and
timeline sizes, and query time in headless Chromium.

    python3 Benchmarks/explore.py --articles 10000

Builds the release `dossier`, writes the corpus of Benchmarks/corpus.py (on tmpfs), builds it
with `--timings`, reports the sizes of the files a reader's browser downloads, and times
queries with the site's own search script in Chromium (`apt-get install chromium`): each
query runs 20 times after a warm-up, and the median is reported.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import prepare_corpus, release_binary, run  # noqa: E402

QUERIES = ["ir", "iran", "taj", "рах", "ایران", "protest", "summit of", "zzzz"]

HARNESS = """<!doctype html><html><head><meta charset="utf-8"><title>pending</title></head><body>
<form class="search-form" data-root="../"><input name="q"></form><div id="_search-results"></div>
<script src="index.js"></script><script src="../assets/search.js"></script>
<script>
const queries = %s, results = {};
const t0 = performance.now(); dossierSearchQuery("a"); const first = performance.now() - t0;
for (const q of queries) {
  dossierSearchQuery(q);
  const times = [];
  let count = 0;
  for (let i = 0; i < 20; i++) { const s = performance.now(); count = dossierSearchQuery(q).length; times.push(performance.now() - s); }
  times.sort((a, b) => a - b);
  results[q] = {ms: times[10], results: count};
}
document.title = "done";
document.body.setAttribute("data-results", JSON.stringify({first_query_ms: first, items: dossierSearch.items.length, queries: results}));
</script></body></html>"""


def size(path):
    return os.path.getsize(path) if os.path.exists(path) else 0


def gzip_size(path):
    out = subprocess.run(["gzip", "-c", "-6", path], capture_output=True, check=True).stdout
    return len(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--root", default="/dev/shm/dossier-explore" if os.path.isdir("/dev/shm") else None)
    parser.add_argument("--dossier", help="dossier binary (default: build the release binary)")
    args = parser.parse_args()
    root = args.root or tempfile.mkdtemp(prefix="dossier-explore-")
    corpus_root = os.path.join(root, f"corpus-{args.articles}")
    prepare_corpus(corpus_root, args.articles, args.seed, with_hugo=False)
    binary = args.dossier or release_binary()
    site = os.path.join(corpus_root, "dossier")
    output = os.path.join(root, f"output-{args.articles}")
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(os.path.join(site, ".dossier"), ignore_errors=True)
    build = run([binary, "build", "--site", site, "--output", output, "--timings"])
    report = {"articles": args.articles, "build_wall_s": round(build["wall"], 2), "build_rss_mb": round(build["rss_mb"])}
    for name, path in [("search_index", "search/index.js"), ("previews", "previews.js"), ("graph_page", "graph/index.html"),
                       ("timeline_page", "events/index.html")]:
        full = os.path.join(output, path)
        report[name + "_bytes"] = size(full)
        report[name + "_gzip_bytes"] = gzip_size(full) if os.path.exists(full) else 0
    graph = open(os.path.join(output, "graph/index.html"), encoding="utf-8").read()
    report["graph_nodes"] = graph.count("data-node=")
    report["graph_edges"] = graph.count("<line ") - graph.count('class="axis"')
    timeline = open(os.path.join(output, "events/index.html"), encoding="utf-8").read()
    report["timeline_marks"] = timeline.count('class="event-mark')

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        harness = os.path.join(output, "search", "bench.html")
        with open(harness, "w", encoding="utf-8") as f:
            f.write(HARNESS % json.dumps(QUERIES, ensure_ascii=False))
        flags = ["--headless", "--disable-gpu", "--dump-dom", "--allow-file-access-from-files"]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")
        dom = subprocess.run([chromium, *flags, "file://" + harness], capture_output=True, text=True, timeout=300).stdout
        match = re.search(r"data-results=\"([^\"]*)\"", dom)
        if match:
            report["search"] = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
        os.remove(harness)
    else:
        print("chromium not found: query times not measured", file=sys.stderr)
    stages = re.findall(r"^\s*(\w+)\s+([0-9.]+) s", build["output"], re.M)
    report["stages"] = {name: float(seconds) for name, seconds in stages}
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
