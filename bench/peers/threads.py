#!/usr/bin/env python3
"""2 threads against 1 on COBA-64000 through the CLI (issue #5's thread target), alternated run by run.

Each round runs the published CLI (bench/peers/.cli, see compare.py) once on 1 thread and once on 2, 1 thread first in
even rounds, and prints the two simulation-loop times (summary.json's run_seconds); at the end the medians, their ratio
and the median of the per-round ratios. Forward Euler membrane, as compare.py's `--method same`.

This VM's speed drifts by up to 2x over minutes (see docs/design-perf7.md), and for seconds at a time the host puts the
two vCPUs on different sockets, where 2 threads gain little (docs/design-perf12.md). So one short series says little:
25 series of 8 rounds in session 10 gave 1.13-1.87x around a median of 1.64x. The default is 24 rounds (~75 s), whose
medians the placement sways less. With
`--log FILE` every round is appended to FILE as a JSON line (UTC time, commit, neurons, both loop times); `--pool FILE`
then prints each series and the pooled medians over all rounds logged, without running anything.

With `--placement`, each run is bracketed by bench/cmodel/line_pingpong (built into /tmp on first use): the
nanoseconds of a cache-line round trip between the two vCPUs, which tells where the host has placed them (~35-140 ns
on one socket, ~400-530 ns across two on the benchmark VM; design-perf12.md). It is logged with the round, and
`--pool` then also splits the rounds by placement.

usage: bench/peers/threads.py [rounds=24] [neurons=64000] [--log FILE] [--placement]
       bench/peers/threads.py --pool FILE
"""
import argparse, datetime, json, os, statistics, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402


def commit():
    r = subprocess.run(["git", "-C", compare.ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return r.stdout.strip() or "unknown"


def summary(t1, t2):
    r = [a / b for a, b in zip(t1, t2)]
    m1, m2 = statistics.median(t1), statistics.median(t2)
    return (f"1 thread {m1:.3f} s, 2 threads {m2:.3f} s, ratio of medians {m1 / m2:.2f}x, "
            f"median of round ratios {statistics.median(r):.2f}x")


def pool(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    if not rows:
        raise SystemExit(f"{path}: no rounds logged")
    series = {}
    for row in rows:
        series.setdefault(row["series"], []).append(row)
    for name, rs in series.items():
        print(f"series {name} ({rs[0]['neurons']} neurons, commit {rs[0]['commit']}, {len(rs)} rounds): "
              + summary([x["t1"] for x in rs], [x["t2"] for x in rs]))
    for n in sorted({row["neurons"] for row in rows}):
        rs = [x for x in rows if x["neurons"] == n]
        print(f"pooled {n} neurons, {len(rs)} rounds in {len({x['series'] for x in rs})} series: "
              + summary([x["t1"] for x in rs], [x["t2"] for x in rs]))
        placed = [x for x in rs if "pp2" in x]
        for name, test in (("one socket", lambda v: v < FAR_NS), ("two sockets", lambda v: v >= FAR_NS)):
            sel = [x for x in placed if all(test(v) for v in x["pp2"])]
            if sel:
                print(f"  2-thread run with its vCPUs on {name} before and after it ({len(sel)} rounds): "
                      + summary([x["t1"] for x in sel], [x["t2"] for x in sel]))


FAR_NS = 250  # line round trip (ns) above which two vCPUs sit on different sockets (Network.FarRoundTripNs)
PINGPONG = "/tmp/brainsharp_line_pingpong"


def placement():
    """Nanoseconds per cache-line round trip between CPUs 0 and 1 (bench/cmodel/line_pingpong.c)."""
    if not os.path.exists(PINGPONG):
        subprocess.run(["gcc", "-O2", "-pthread", os.path.join(compare.ROOT, "bench", "cmodel", "line_pingpong.c"),
                        "-o", PINGPONG], check=True)
    return float(subprocess.run([PINGPONG], capture_output=True, text=True, check=True).stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rounds", nargs="?", type=int, default=24)
    ap.add_argument("neurons", nargs="?", type=int, default=64000)
    ap.add_argument("--log", help="append each round to this JSON-lines file")
    ap.add_argument("--pool", help="summarise a log written by --log and exit")
    ap.add_argument("--placement", action="store_true", help="bracket each 2-thread run by a line ping-pong (logged)")
    a = ap.parse_args()
    if a.pool:
        pool(a.pool)
        return
    if not os.path.exists(compare.CLI):
        compare.publish_cli()
    series = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    rev = commit()
    t1, t2 = [], []
    for k in range(a.rounds):
        res, pp = {}, []
        for t in ((1, 2) if k % 2 == 0 else (2, 1)):
            if t == 2 and a.placement: pp.append(placement())
            res[t] = compare.run_brainsharp("coba", a.neurons, 1000.0, t, extra=("--set", "euler=1"))["run_seconds"]
            if t == 2 and a.placement: pp.append(placement())
        t1.append(res[1]); t2.append(res[2])
        where = f", line round trip {pp[0]:.0f}/{pp[1]:.0f} ns" if pp else ""
        print(f"round {k}: 1 thread {res[1]:.3f} s, 2 threads {res[2]:.3f} s, ratio {res[1] / res[2]:.2f}{where}", flush=True)
        if a.log:
            row = dict(series=series, commit=rev, neurons=a.neurons, round=k, t1=res[1], t2=res[2])
            if pp: row["pp2"] = pp
            with open(a.log, "a") as f:
                f.write(json.dumps(row) + "\n")
    print("medians: " + summary(t1, t2))


if __name__ == "__main__":
    main()
