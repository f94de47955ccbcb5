#!/usr/bin/env python3
"""Side-by-side driver: Brian2 C++ standalone (1 thread) vs BrainSharp on the Brette benchmarks.

Runs each (model, size) several times for each simulator, alternating them so that machine noise hits both,
and prints one Markdown table of medians and ratios. BrainSharp is run as a user would run an installed tool: the CLI
published ReadyToRun (precompiled, as `dotnet publish -p:PublishReadyToRun=true` ships it; run.sh publishes it into
bench/peers/.cli), `dotnet BrainSharp.Cli.dll simulate ...`, timed from process start to summary.json written.
`--cli PATH` runs another build of the CLI (e.g. src/BrainSharp.Cli/bin/Release/net10.0/BrainSharp.Cli.dll, JIT only).

usage: compare.py [--models coba,cuba,cobahh] [--sizes 4000,16000,64000] [--repeats 3] [--threads 1] [--method same|euler|exponential_euler|default]

Integrators (--method): both sides integrate the membrane with the same method.
  same (default): COBA forward Euler on both sides (Brian2's own choice for these equations); CUBA Brian2's exact
                  integrator against BrainSharp's exponential Euler (both exact for the linear membrane; BrainSharp holds
                  the synaptic current constant over the step); COBAHH exponential Euler on both.
  euler / exponential_euler: that method for COBA on both sides (CUBA, COBAHH as with 'same').
  default: each simulator at its own default (COBA: Brian2 Euler, BrainSharp exponential Euler, which does more work).
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
PUBLISHED = os.path.join(HERE, ".cli")
CLI = os.path.join(PUBLISHED, "BrainSharp.Cli.dll")


def publish_cli():
    """Publishes the CLI ReadyToRun into bench/peers/.cli (framework-dependent, for this machine's architecture)."""
    import platform
    rid = "linux-arm64" if platform.machine() in ("aarch64", "arm64") else "linux-x64"
    subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src", "BrainSharp.Cli"), "-c", "Release", "-r", rid,
                    "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", PUBLISHED],
                   check=True, stdout=subprocess.DEVNULL)


def methods(model, method):
    """(Brian2 --method for COBA, BrainSharp --set arguments) for a comparison mode."""
    if model != "coba":
        return "euler", ()  # Brian2's COBA flag is unused for CUBA (exact) and COBAHH (exponential Euler)
    if method in ("same", "euler"):
        return "euler", ("--set", "euler=1")
    if method == "exponential_euler":
        return "exponential_euler", ()
    if method == "default":
        return "euler", ()
    raise SystemExit(f"unknown --method {method!r}")


def run_brian2(model, n, duration, method="euler"):
    out = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "brian2_brette.py"), model,
                          "--neurons", str(n), "--duration", str(duration), "--method", method],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_brainsharp(model, n, duration, threads, connectivity="csr", extra=(), cli=None):
    """One CLI run (the published CLI, or the build at `cli`); returns summary.json plus total_seconds."""
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        subprocess.run(["dotnet", cli or CLI, "simulate", model, "--neurons", str(n), "--duration", str(duration),
                        "--threads", str(threads), "--connectivity", connectivity, "--out", d, *extra],
                       capture_output=True, text=True, check=True)
        total = time.perf_counter() - t0
        s = json.load(open(os.path.join(d, "summary.json")))
    s["total_seconds"] = total
    return s


def med(xs):
    return statistics.median(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="coba,cuba,cobahh")
    ap.add_argument("--sizes", default="4000,16000,64000")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--duration", type=float, default=1000.0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--no-brian2", action="store_true", help="BrainSharp only (e.g. thread scaling)")
    ap.add_argument("--method", default="same", help="same (default) | euler | exponential_euler | default; see the module docstring")
    ap.add_argument("--cli", default=None, help="path of BrainSharp.Cli.dll to run (default: the ReadyToRun publish in bench/peers/.cli)")
    a = ap.parse_args()
    global CLI
    if a.cli:
        CLI = os.path.abspath(a.cli)
    elif not os.path.exists(CLI):
        publish_cli()
    rows = []
    for model in a.models.split(","):
        for n in map(int, a.sizes.split(",")):
            b2, bs = [], []
            b2_method, bs_extra = methods(model, a.method)
            for r in range(a.repeats):
                if not a.no_brian2:
                    b2.append(run_brian2(model, n, a.duration, b2_method))
                bs.append(run_brainsharp(model, n, a.duration, a.threads, extra=bs_extra))
                print(f"# {model} {n} repeat {r}: brian2 {b2[-1] if b2 else '-'} | brainsharp loop "
                      f"{bs[-1]['run_seconds']:.4f}s total {bs[-1]['total_seconds']:.2f}s rate {bs[-1]['mean_rate_hz']:.2f}Hz",
                      file=sys.stderr, flush=True)
            row = dict(model=model, n=n,
                       bs_loop=med([x["run_seconds"] for x in bs]), bs_total=med([x["total_seconds"] for x in bs]),
                       bs_rate=med([x["mean_rate_hz"] for x in bs]))
            if b2:
                row.update(b2_loop=med([x["loop_seconds"] for x in b2]), b2_total=med([x["total_seconds"] for x in b2]),
                           b2_rate=med([x["mean_rate_hz"] for x in b2]))
            rows.append(row)
    print(f"\nMedians of {a.repeats} runs, {a.duration:g} ms of biological time, dt 0.1 ms, BrainSharp threads={a.threads}, "
          f"integrators: --method {a.method}\n")
    if a.no_brian2:
        print("| model | N | BrainSharp loop (s) | BrainSharp total (s) | BrainSharp rate (Hz) |")
        print("|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['model']} | {r['n']} | {r['bs_loop']:.4f} | {r['bs_total']:.2f} | {r['bs_rate']:.2f} |")
        return
    print("| model | N | Brian2 loop (s) | BrainSharp loop (s) | loop ratio | Brian2 total (s) | BrainSharp total (s) | total ratio | rate Brian2 / BrainSharp (Hz) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['model']} | {r['n']} | {r['b2_loop']:.4f} | {r['bs_loop']:.4f} | {r['b2_loop'] / r['bs_loop']:.1f}x | "
              f"{r['b2_total']:.1f} | {r['bs_total']:.2f} | {r['b2_total'] / r['bs_total']:.1f}x | {r['b2_rate']:.2f} / {r['bs_rate']:.2f} |")


if __name__ == "__main__":
    main()
