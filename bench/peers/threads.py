#!/usr/bin/env python3
"""2 threads against 1 on COBA-64000 through the CLI (issue #5's thread target), alternated run by run.

Each round runs the published CLI (bench/peers/.cli, see compare.py) once on 1 thread and once on 2, 1 thread first in
even rounds, and prints the two simulation-loop times (summary.json's run_seconds); at the end the medians, their ratio
and the median of the per-round ratios. Forward Euler membrane, as compare.py's `--method same`.

usage: bench/peers/threads.py [rounds=8] [neurons=64000]
"""
import os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 8
neurons = int(sys.argv[2]) if len(sys.argv) > 2 else 64000
if not os.path.exists(compare.CLI):
    compare.publish_cli()
t1, t2, r = [], [], []
for k in range(rounds):
    res = {}
    for t in ((1, 2) if k % 2 == 0 else (2, 1)):
        res[t] = compare.run_brainsharp("coba", neurons, 1000.0, t, extra=("--set", "euler=1"))["run_seconds"]
    t1.append(res[1]); t2.append(res[2]); r.append(res[1] / res[2])
    print(f"round {k}: 1 thread {res[1]:.3f} s, 2 threads {res[2]:.3f} s, ratio {res[1] / res[2]:.2f}", flush=True)
m1, m2 = statistics.median(t1), statistics.median(t2)
print(f"medians: 1 thread {m1:.3f} s, 2 threads {m2:.3f} s, ratio of medians {m1 / m2:.2f}x, "
      f"median of round ratios {statistics.median(r):.2f}x")
