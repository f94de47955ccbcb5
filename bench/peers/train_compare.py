#!/usr/bin/env python3
"""Driver of the PyTorch training side-by-side (run through train_compare.sh, which provides torch and OpenBLAS).

1. BrainSharp (bench `train-peer`) writes the network, batch and its float64 loss/gradients into a directory;
2. train_peer.py recomputes them in float64 with PyTorch autograd and reports the relative error per tensor;
3. both time training iterations (forward, loss, backward, clip, Adam) on the same batch, alternating
   BrainSharp and PyTorch runs `--repeats` times so that machine noise hits both;
4. one Markdown table: agreement, median wall and CPU seconds per iteration, ratios, load average.

usage: train_compare.py [--repeats 3] [--iters 3] [--warmup 1] [--threads 1] [--dtype float32]
                        [--blas openblas|reference] [--batch 64] [--delay-ms 500] [--dir DIR]
"""
import argparse, json, os, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
BENCH = os.path.join(ROOT, "bench", "BrainSharp.Bench", "bin", "Release", "net10.0", "BrainSharp.Bench.dll")


def run_brainsharp(d, a, iters):
    cmd = ["dotnet", BENCH, "train-peer", d, "--batch", str(a.batch), "--delay-ms", str(a.delay_ms),
           "--iters", str(iters), "--warmup", str(a.warmup), "--dtype", a.dtype]
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.load(open(os.path.join(d, "brainsharp_timing.json")))


def torch_env(a):
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(a.threads), OMP_NUM_THREADS=str(a.threads))
    if a.blas == "openblas":
        lib = os.environ.get("BRAINSHARP_OPENBLAS_DIR", "/usr/lib/x86_64-linux-gnu/openblas-pthread")
        if not os.path.exists(os.path.join(lib, "libblas.so.3")):
            sys.exit(f"OpenBLAS not found in {lib}; run through bench/peers/train_compare.sh or pass --blas reference")
        env["LD_LIBRARY_PATH"] = lib + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    return env


def run_torch(d, a, iters, check):
    cmd = ["/usr/bin/python3", os.path.join(HERE, "train_peer.py"), d, "--iters", str(iters), "--warmup", str(a.warmup),
           "--dtype", a.dtype, "--threads", str(a.threads)] + ([] if check else ["--skip-check"])
    r = subprocess.run(cmd, capture_output=True, text=True, env=torch_env(a))
    if r.returncode not in (0, 1):
        sys.exit(f"train_peer.py failed:\n{r.stdout}\n{r.stderr}")
    return json.load(open(os.path.join(d, f"torch_timing_{a.dtype}_{a.threads}t.json"))), r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--iters", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    ap.add_argument("--blas", default="openblas", choices=["openblas", "reference"])
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--delay-ms", type=float, default=500)
    ap.add_argument("--dir")
    a = ap.parse_args()
    d = a.dir or tempfile.mkdtemp(prefix="train-peer-")
    os.makedirs(d, exist_ok=True)
    load0 = os.getloadavg()

    bs0 = run_brainsharp(d, a, 1)
    check, text = run_torch(d, a, 0, check=True)
    print(text.rstrip())
    cfg = json.load(open(os.path.join(d, "config.json")))

    bs, pt = [], []
    for r in range(a.repeats):
        bs.append(run_brainsharp(d, a, a.iters))
        pt.append(run_torch(d, a, a.iters, check=False)[0])
        print(f"repeat {r + 1}: BrainSharp {bs[-1]['median_iteration_seconds']:.3f} s ({bs[-1]['median_cpu_seconds']:.3f} s CPU), "
              f"PyTorch {pt[-1]['median_iteration_seconds']:.3f} s ({pt[-1]['median_cpu_seconds']:.3f} s CPU) per iteration", flush=True)
    load1 = os.getloadavg()

    med = lambda runs, key: statistics.median(x for r in runs for x in r[key])
    bw, bc, pw, pc = med(bs, "iteration_seconds"), med(bs, "cpu_seconds"), med(pt, "iteration_seconds"), med(pt, "cpu_seconds")
    bf, bb = med(bs, "forward_seconds"), med(bs, "backward_seconds")
    pf, pb = med(pt, "forward_seconds"), med(pt, "backward_seconds")
    print()
    print(f"Evidence accumulation, {cfg['neurons']} neurons ({cfg['excitatory']} E / {cfg['neurons'] - cfg['excitatory']} I, Dale), "
          f"batch {cfg['batch']}, {cfg['steps']} steps of {cfg['dt_ms']} ms, {a.dtype}, {a.threads} thread(s); "
          f"torch {check['torch']} with BLAS {check['blas']}")
    print()
    print("| quantity | BrainSharp | PyTorch | PyTorch / BrainSharp |")
    print("|---|---|---|---|")
    rel = check.get("check", {})
    print(f"| loss (float64, CE + rate reg.) | {cfg['loss']:.10f} | rel. diff {rel.get('loss', float('nan')):.1e} | |")
    for name in ["w_in", "w_rec", "w_out", "b_out"]:
        print(f"| grad {name} (float64) | | rel. error {rel.get(name, float('nan')):.1e} | |")
    print(f"| wall s / iteration (median of {len(bs) * a.iters}) | {bw:.3f} | {pw:.3f} | **{pw / bw:.2f}x** |")
    print(f"| CPU s / iteration | {bc:.3f} | {pc:.3f} | **{pc / bc:.2f}x** |")
    print(f"| wall s forward / backward | {bf:.3f} / {bb:.3f} | {pf:.3f} / {pb:.3f} | |")
    print(f"| mean rate during timing (Hz) | {statistics.median(r['mean_spike_rate_hz'] for r in bs):.2f} | | |")
    print()
    print(f"agreement: {'PASS' if check.get('check_pass') else 'FAIL'} (< 1e-4); load average before {load0[0]:.1f} / after {load1[0]:.1f} "
          f"(1 min) on {os.cpu_count()} cores; data in {d}")
    with open(os.path.join(d, "summary.json"), "w") as f:
        json.dump({"brainsharp": bs, "pytorch": pt, "check": check, "config": cfg, "load_before": load0, "load_after": load1,
                   "median_wall": [bw, pw], "median_cpu": [bc, pc]}, f)


if __name__ == "__main__":
    main()
