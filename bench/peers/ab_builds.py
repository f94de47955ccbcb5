#!/usr/bin/env python3
"""Two builds of the CLI on one network, alternated run by run (A first in odd rounds, B first in even ones).

For changes to the engine itself, which `bench ... ab` (two configurations of one build, in one process) cannot
compare. Build the baseline, copy its output folder away, build the change, then e.g.
    bench/peers/ab_builds.py /tmp/base/BrainSharp.Cli.dll src/BrainSharp.Cli/bin/Release/net10.0/BrainSharp.Cli.dll \
        --neurons 64000 --threads 2 --rounds 8
Prints every round's simulation-loop times (summary.json's run_seconds, or with --field total_seconds the command's), both medians, B/A, and in how many rounds B
was faster. On this VM a change of less than ~5 % needs that count as well as the medians (see docs/design-perf8.md).

usage: ab_builds.py A.dll B.dll [--model coba] [--neurons 64000] [--threads 1] [--rounds 8] [--set euler=1 ...]
                    [--field run_seconds|total_seconds]
"""
import argparse, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402


def run(dll, a):
    extra = [x for s in a.set for x in ("--set", s)]
    return compare.run_brainsharp(a.model, a.neurons, 1000.0, a.threads, extra=extra, cli=dll)[a.field]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a"); ap.add_argument("b")
    ap.add_argument("--model", default="coba")
    ap.add_argument("--neurons", type=int, default=64000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--field", default="run_seconds", help="summary figure to compare: run_seconds (default) or total_seconds")
    ap.add_argument("--set", action="append", default=None, help="model overrides (default: euler=1)")
    a = ap.parse_args()
    a.set = a.set if a.set is not None else ["euler=1"]
    ta, tb = [], []
    for k in range(a.rounds):
        res = {}
        for name in (("a", "b") if k % 2 == 0 else ("b", "a")):
            res[name] = run(os.path.abspath(getattr(a, name)), a)
        ta.append(res["a"]); tb.append(res["b"])
        print(f"round {k}: A {res['a']:.4f} s, B {res['b']:.4f} s", flush=True)
    ma, mb = statistics.median(ta), statistics.median(tb)
    wins = sum(1 for x, y in zip(ta, tb) if y < x)
    print(f"medians: A {ma:.4f} s, B {mb:.4f} s, B/A {mb / ma:.3f}; B faster in {wins} of {a.rounds} rounds")


if __name__ == "__main__":
    main()
