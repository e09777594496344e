#!/usr/bin/env python3
"""Measure the reader-side features on a synthetic corpus: the sizes of the search manifest,
preview cards, graph and timeline pages.

    python3 Benchmarks/explore.py --articles 10000

Builds the release `dossier`, writes the corpus of Benchmarks/corpus.py (on tmpfs), builds it
with `--timings` and reports the sizes of the files a reader's browser downloads. Search
itself (index size, bytes and latency of queries in Chromium, beside Pagefind) is measured by
Benchmarks/search.py.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import prepare_corpus, release_binary, run  # noqa: E402

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
    for name, path in [("search_manifest", "search/index.js"), ("previews", "previews.js"), ("graph_page", "graph/index.html"),
                       ("timeline_page", "events/index.html")]:
        full = os.path.join(output, path)
        report[name + "_bytes"] = size(full)
        report[name + "_gzip_bytes"] = gzip_size(full) if os.path.exists(full) else 0
    graph = open(os.path.join(output, "graph/index.html"), encoding="utf-8").read()
    report["graph_nodes"] = graph.count("data-node=")
    report["graph_edges"] = graph.count("<line ") - graph.count('class="axis"')
    timeline = open(os.path.join(output, "events/index.html"), encoding="utf-8").read()
    report["timeline_marks"] = timeline.count('class="event-mark')

    stages = re.findall(r"^\s*(\w+)\s+([0-9.]+) s", build["output"], re.M)
    report["stages"] = {name: float(seconds) for name, seconds in stages}
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
