#!/usr/bin/env python3
"""Times `dossier check` on one file of each class of input that makes Markdown parsers
slow (the classes of Tests/TestSupport/PathologicalMarkdown.swift), at 1 MB by default.
Each must finish within 2 s or be refused with a located diagnostic (markdown-too-complex)."""
import argparse, os, shutil, subprocess, tempfile, time


def cases(size):
    def rep(unit, count=None):
        return unit * (count if count is not None else max(1, size // len(unit.encode())))
    depth = min(size // 50, 20000)
    return [
        ("nested strong and emphasis", rep("*a **a ", depth) + "b" + rep(" a** a*", depth)),
        ("emphasis closers without openers", rep("a_ ")),
        ("emphasis openers without closers", rep("_a ")),
        ("asterisk openers", rep("*a ")),
        ("mismatched openers and closers", rep("*a_ ")),
        ("openers and closers multiple of 3", rep("a***", size // 8) + rep("a*", size // 4)),
        ("link closers without openers", rep("a]")),
        ("link openers without closers", rep("[a")),
        ("link openers and emphasis closers", rep("[ a_")),
        ("nested brackets", rep("[", size // 2) + "a" + rep("]", size // 2)),
        ("unclosed inline links", rep("[a](b")),
        ("unclosed pointy links", rep("[a](<b")),
        ("images open around links", rep("![[]()")),
        ("images open around links, spaced", rep("![ [](x)")),
        ("nested block quotes", rep("> ", size // 2) + "a"),
        ("deeply nested lists", "".join("  " * i + "* a\n" for i in range(min(size // 1000, 1000)))),
        ("backtick runs", "".join("e" + "`" * i for i in range(1, min(1400, size // 700 + 2)))),
        ("many reference definitions", "".join(f"[{i}]: u\n" for i in range(size // 10))),
        ("less-than runs", rep("<")),
        ("entity runs", rep("&#")),
        ("unclosed wikilinks", rep("[[a ")),
        ("wikilinks", rep("[[iran]] ")),
        ("footnote references", rep("[^a]") + "\n\n[^a]: x\n"),
        ("table of pipes", "| a |\n| - |\n" + rep("|") + "\n"),
        ("strikethrough runs", rep("~~a ")),
        ("comment openers", rep("%%a")),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossier", default=".build/release/dossier")
    parser.add_argument("--size", type=int, default=1 << 20)
    args = parser.parse_args()
    root = tempfile.mkdtemp(prefix="dossier-pathological-")
    try:
        print(f"| input ({args.size:,} bytes) | `dossier check` s | outcome |")
        print("| --- | ---: | --- |")
        for name, text in cases(args.size):
            site = os.path.join(root, "site")
            shutil.rmtree(site, ignore_errors=True)
            os.makedirs(os.path.join(site, "Content", "articles"))
            os.makedirs(os.path.join(site, "Content", "actors"))
            with open(os.path.join(site, "Content", "actors", "iran.md"), "w") as f:
                f.write("---\nname: Iran\n---\n")
            with open(os.path.join(site, "Content", "articles", "p.md"), "w") as f:
                f.write("---\ntitle: P\n---\n" + text)
            start = time.monotonic()
            result = subprocess.run([args.dossier, "check", "--site", site], capture_output=True, text=True, timeout=600)
            seconds = time.monotonic() - start
            outcome = "refused (markdown-too-complex)" if "markdown-too-complex" in result.stderr else "parsed"
            print(f"| {name} | {seconds:.2f} | {outcome} |")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
