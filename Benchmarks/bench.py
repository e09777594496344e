#!/usr/bin/env python3
"""Benchmark Dossier against Hugo and against the cmark floor.

For each corpus size, writes the same synthetic corpus as a Dossier site and as a Hugo site
(Benchmarks/corpus.py), then builds both cold in alternating runs (Dossier then Hugo, Hugo
then Dossier, ...) and reports medians and min–max of wall time, CPU time and peak RSS, the
Dossier/Hugo ratio of each pair, and Dossier against the floor: libcmark parsing and
rendering the same bodies in one process plus writing Dossier's output files
(Benchmarks/floor.c).

    python3 Benchmarks/bench.py                      # 1,000 and 10,000 articles, 5 runs
    python3 Benchmarks/bench.py --sizes 100000 --runs 3

Hugo comes from Debian's `hugo` package; without it only Dossier and the floor are
measured. Corpora and outputs live on tmpfs (/dev/shm) by default: disk file creation on
shared machines is slow and erratic, and would measure the disk, not the generators.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import corpus  # noqa: E402


def run(command, cwd=None):
    """Runs a command; returns wall seconds, CPU seconds, peak RSS in MB, and its output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.stdout.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"command failed ({code}): {' '.join(command)}\n{output.decode(errors='replace')[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "output": output.decode(errors="replace")}


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def prepare_corpus(root, articles, seed, with_hugo):
    """Generates the corpus unless an identical one (same generator, seed and size) is there."""
    stamp_path = os.path.join(root, "corpus.stamp")
    stamp = f"{corpus.GENERATOR_VERSION} {seed} {articles} {with_hugo}"
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return
    os.makedirs(root, exist_ok=True)
    gen = corpus.Corpus(articles, seed)
    docs = [gen.article(i) for i in range(articles)]
    state = gen.rng.getstate()
    corpus.write_dossier(gen, docs, os.path.join(root, "dossier"))
    if with_hugo:
        gen.rng.setstate(state)
        corpus.write_hugo(gen, docs, os.path.join(root, "hugo"))
    with open(stamp_path, "w") as f:
        f.write(stamp)


def dossier_build(binary, site, output, warm=False):
    """A cold build: no output and no parse cache (.dossier/) left by an earlier one.
    A warm build keeps both, as a writer's second `dossier build` would."""
    if not warm:
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(os.path.join(site, ".dossier"), ignore_errors=True)
    result = run([binary, "build", "--site", site, "--output", output, "--timings"])
    result["stages"] = {m.group(1): float(m.group(2))
                        for m in re.finditer(r"^(\w+)\s+([\d.]+) s$", result.pop("output"), re.M)}
    return result


def hugo_build(hugo, site, output):
    shutil.rmtree(output, ignore_errors=True)
    result = run([hugo, "--source", site, "--destination", output, "--quiet"])
    result.pop("output")
    return result


def floor_run(binary, content, manifest, output):
    shutil.rmtree(output, ignore_errors=True)
    result = run([binary, content, manifest, output])
    numbers = json.loads(result.pop("output"))
    result.update(numbers)
    result["floor_s"] = numbers["parse_render_s"] + numbers["write_s"]
    return result


def output_manifest(output, path):
    """`size path` of every file Dossier wrote, for the floor to write the same bytes."""
    total = 0
    with open(path, "w") as f:
        for folder, _, files in os.walk(output):
            for name in files:
                full = os.path.join(folder, name)
                size = os.path.getsize(full)
                total += size
                f.write(f"{size} {os.path.relpath(full, output)}\n")
    return total


def measure(size, args, dossier, hugo, floor):
    root = os.path.join(args.root, str(size))
    prepare_corpus(root, size, args.seed, hugo is not None)
    site, hugo_site = os.path.join(root, "dossier"), os.path.join(root, "hugo")
    out_d, out_h, out_f = (os.path.join(root, name) for name in ("out-dossier", "out-hugo", "out-floor"))
    manifest = os.path.join(root, "manifest.txt")

    # One warm-up build each, not recorded: the page cache then holds both corpora.
    dossier_build(dossier, site, out_d)
    output_bytes = output_manifest(out_d, manifest)
    if hugo:
        hugo_build(hugo, hugo_site, out_h)

    runs = {"dossier": [], "hugo": [], "floor": []}
    for i in range(args.runs):
        order = ["dossier", "hugo"] if i % 2 == 0 else ["hugo", "dossier"]
        for tool in order:
            if tool == "dossier":
                runs["dossier"].append(dossier_build(dossier, site, out_d))
            elif hugo:
                runs["hugo"].append(hugo_build(hugo, hugo_site, out_h))
        runs["floor"].append(floor_run(floor, os.path.join(site, "Content"), manifest, out_f))
        print(f"  {size}: run {i + 1}/{args.runs}: dossier {runs['dossier'][-1]['wall']:.2f} s"
              + (f", hugo {runs['hugo'][-1]['wall']:.2f} s" if hugo else "")
              + f", floor {runs['floor'][-1]['floor_s']:.2f} s", file=sys.stderr)

    # Warm builds: nothing changed since the last build, which left its cache and output.
    dossier_build(dossier, site, out_d)
    runs["warm"] = [dossier_build(dossier, site, out_d, warm=True) for _ in range(args.runs)]

    def stats(tool):
        return {key: summary([r[key] for r in runs[tool]]) for key in ("wall", "cpu", "rss_mb")}

    result = {
        "articles": size,
        "runs": args.runs,
        "output_mb": output_bytes / 1e6,
        "output_files": sum(1 for _ in open(manifest)),
        "dossier": stats("dossier"),
        "dossier_warm": stats("warm"),
        "dossier_stages": {stage: statistics.median(r["stages"][stage] for r in runs["dossier"])
                           for stage in runs["dossier"][0]["stages"]},
        "floor": {
            "parse_render_s": summary([r["parse_render_s"] for r in runs["floor"]]),
            "write_s": summary([r["write_s"] for r in runs["floor"]]),
            "total_s": summary([r["floor_s"] for r in runs["floor"]]),
        },
    }
    d_wall = [r["wall"] for r in runs["dossier"]]
    result["dossier_vs_floor"] = summary([w / f["floor_s"] for w, f in zip(d_wall, runs["floor"])])
    result["dossier_cores_busy"] = result["dossier"]["cpu"]["median"] / result["dossier"]["wall"]["median"]
    result["warm_vs_cold"] = result["dossier_warm"]["wall"]["median"] / result["dossier"]["wall"]["median"]
    if hugo:
        result["hugo"] = stats("hugo")
        result["dossier_vs_hugo"] = {
            "wall": summary([d / h["wall"] for d, h in zip(d_wall, runs["hugo"])]),
            "cpu": summary([d["cpu"] / h["cpu"] for d, h in zip(runs["dossier"], runs["hugo"])]),
            "rss": summary([d["rss_mb"] / h["rss_mb"] for d, h in zip(runs["dossier"], runs["hugo"])]),
        }
    return result


def markdown(report):
    def cell(s, unit="", digits=2):
        return f"{s['median']:.{digits}f}{unit} ({s['min']:.{digits}f}–{s['max']:.{digits}f})"

    lines = [
        f"Date: {report['date']}  ",
        f"Machine: {report['machine']}  ",
        f"Dossier: {report['dossier_version']}; Hugo: {report['hugo_version'] or 'not installed'}; "
        f"cmark: {report['cmark_version']}  ",
        f"Command: `{report['command']}`",
        "",
        "Medians, with min–max over the runs. CPU is user + system time; RSS is peak resident memory.",
        "",
        "| articles | tool | wall s | CPU s | peak RSS MB |",
        "| ---: | --- | --- | --- | --- |",
    ]
    for r in report["results"]:
        tools = [("Dossier", r["dossier"]), ("Dossier, warm", r["dossier_warm"])] + ([("Hugo", r["hugo"])] if "hugo" in r else [])
        for name, s in tools:
            lines.append(f"| {r['articles']:,} | {name} | {cell(s['wall'])} | {cell(s['cpu'])} | {cell(s['rss_mb'], '', 0)} |")
        f = r["floor"]
        lines.append(f"| {r['articles']:,} | floor (cmark + write) | {cell(f['total_s'])} | | |")
    lines += ["", "Cold builds start without output and without the parse cache (`.dossier/`); warm builds",
              "follow a build of the same, unchanged content.", "",
              "| articles | Dossier / Hugo wall | Dossier / Hugo RSS | Dossier / floor | warm / cold | cores busy | output |",
              "| ---: | --- | --- | --- | --- | --- | --- |"]
    for r in report["results"]:
        vs_hugo = cell(r["dossier_vs_hugo"]["wall"], "×") if "dossier_vs_hugo" in r else "n/a"
        rss = cell(r["dossier_vs_hugo"]["rss"], "×") if "dossier_vs_hugo" in r else "n/a"
        lines.append(f"| {r['articles']:,} | {vs_hugo} | {rss} | {cell(r['dossier_vs_floor'], '×')} | "
                     f"{r['warm_vs_cold']:.2f}× | {r['dossier_cores_busy']:.2f} | {r['output_files']:,} files, {r['output_mb']:.0f} MB |")
    lines += ["", "Dossier's stages (median seconds, from `--timings`):", "",
              "| articles | " + " | ".join(report["results"][0]["dossier_stages"]) + " |",
              "| ---: |" + " --- |" * len(report["results"][0]["dossier_stages"])]
    for r in report["results"]:
        lines.append(f"| {r['articles']:,} | " + " | ".join(f"{v:.3f}" for v in r["dossier_stages"].values()) + " |")
    served = [r for r in report["results"] if "serve" in r]
    if served:
        lines += ["", "Editing under the preview server: one article edited, time until its page is served with the",
                  "edit (`serve.py`; Dossier's includes the watcher's settle period, 2 ms after the file is closed):", "",
                  "| articles | edits | Dossier: edit → page served ms | server rebuild ms | `hugo server` ms | Dossier / Hugo |",
                  "| ---: | ---: | --- | --- | --- | --- |"]
        for r in served:
            s = r["serve"]
            rebuild = cell(s["rebuild_ms"], "", 0) if s.get("rebuild_ms") else "n/a"
            hugo_cell = cell(s["hugo_served_ms"], "", 0) if "hugo_served_ms" in s else "n/a"
            ratio = f"{s['served_vs_hugo']:.2f}×" if "served_vs_hugo" in s else "n/a"
            lines.append(f"| {r['articles']:,} | {s['edits']} | {cell(s['served_ms'], '', 0)} | {rebuild} | {hugo_cell} | {ratio} |")
    lines += ["", "Floor parts (median seconds): " + "; ".join(
        f"{r['articles']:,}: cmark {r['floor']['parse_render_s']['median']:.3f} + write {r['floor']['write_s']['median']:.3f}"
        for r in report["results"])]
    return "\n".join(lines) + "\n"


def release_binary():
    """Builds the release `dossier` as `make release` does (the Swift runtime linked in) and
    returns its path."""
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "dossier"], cwd=REPO, check=True,
                   stdout=sys.stderr)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout.strip()
    return os.path.join(bin_path, "dossier")


def version(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip().splitlines()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return None


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--root", default="/dev/shm/dossier-bench" if os.path.isdir("/dev/shm") else "Benchmarks/corpus",
                        help="where corpora and outputs go (tmpfs by default)")
    parser.add_argument("--dossier", help="dossier binary (default: build the release binary)")
    parser.add_argument("--no-hugo", action="store_true", help="measure Dossier and the floor only")
    parser.add_argument("--serve-edits", type=int, default=8,
                        help="edits timed under `dossier serve` (and `hugo server`) per size; 0 skips them")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    parser.add_argument("--report", help="also write the Markdown report to this file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    dossier = os.path.abspath(args.dossier or release_binary())

    os.makedirs(args.root, exist_ok=True)
    floor = os.path.join(args.root, "floor")
    cflags = subprocess.run(["pkg-config", "--cflags", "--libs", "libcmark"], capture_output=True, text=True)
    flags = cflags.stdout.split() if cflags.returncode == 0 else ["-lcmark"]
    subprocess.run(["cc", "-O2", "-o", floor, os.path.join(HERE, "floor.c")] + flags, check=True)

    hugo = None if args.no_hugo else shutil.which("hugo")
    if not hugo and not args.no_hugo:
        print("Hugo is not installed (Debian: apt-get install hugo): measuring Dossier and the floor only.",
              file=sys.stderr)

    results = []
    for size in sizes:
        print(f"{size} articles:", file=sys.stderr)
        result = measure(size, args, dossier, hugo, floor)
        if args.serve_edits > 0:
            # Editing under the preview servers, on the same corpus and edits for both.
            import serve  # noqa: E402 (serve.py imports this file's release_binary)
            times = serve.measure(size, args.serve_edits, args.seed, os.path.join(args.root, "serve"), dossier, hugo,
                                  log=lambda line: print(line, file=sys.stderr))
            result["serve"] = {
                "edits": args.serve_edits,
                "reload_ms": summary(times["reload"]),
                "served_ms": summary(times["served"]),
                "rebuild_ms": summary(times["rebuilt"]) if times["rebuilt"] else None,
            }
            if times["hugo_served"]:
                result["serve"]["hugo_served_ms"] = summary(times["hugo_served"])
                result["serve"]["served_vs_hugo"] = statistics.median(times["served"]) / statistics.median(times["hugo_served"])
        results.append(result)

    report = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "command": " ".join(["python3", "Benchmarks/bench.py"] + sys.argv[1:]),
        "dossier_version": version([dossier, "--version"]) or "unknown",
        "hugo_version": version([hugo, "version"]) if hugo else None,
        "cmark_version": version(["pkg-config", "--modversion", "libcmark"]) or "unknown",
        "results": results,
    }
    text = markdown(report)
    print(text)
    if args.report:
        with open(args.report, "w") as f:
            f.write(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
