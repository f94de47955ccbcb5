#!/usr/bin/env python3
"""PyTorch peer of BrainSharp's BPTT training (issue #6): the same E/I spiking network in plain PyTorch, snnTorch style.

Reads what `dotnet run -c Release --project bench/BrainSharp.Bench -- train-peer <dir>` wrote into <dir> (initial
parameters, Dale sign/mask, adaptation, one input batch, labels, config.json, BrainSharp's float64 loss and
gradients), then
  1. recomputes loss and gradients in float64 with autograd and prints the relative error per tensor
     (||g_torch - g_brainsharp|| / ||g_torch||), which must be < 1e-4;
  2. times training iterations (forward, loss, backward, clip_grad_norm_, torch.optim.Adam) on the same batch
     and writes torch_timing.json.

The model, step by step (batch rows implicit), written as in BrainSharp's EISpikingNetwork header:
  I_t = alpha I_{t-1} + x_t W_in + s_{t-1} W                 W = |W_raw| * sign(pre)[:, None] * mask
  a_t = rho a_{t-1} + s_{t-1}
  v_t = beta v_{t-1} + (1 - beta) I_t - theta s_{t-1}          (soft reset)
  u_t = (v_t - theta - delta a_t) / theta,   s_t = H(u_t),  dH/du := gamma max(0, 1 - |u|)  (Bellec et al. 2018)
  y_t = kappa y_{t-1} + s_t W_out + b
loss = CE(mean_{t in response window} y_t, label) averaged over the batch
     + lambda * sum_i (rate_i - r_target)^2,  rate_i = spikes of neuron i / (batch * steps * dt) in Hz.

usage: train_peer.py <dir> [--iters 5] [--warmup 1] [--dtype float32] [--threads 1] [--skip-check]
"""
import argparse, json, math, os, statistics, sys, time

import numpy as np
import torch


class SpikeFn(torch.autograd.Function):
    """Heaviside forward; Bellec triangle pseudo-derivative gamma * max(0, 1 - |u|) backward."""

    @staticmethod
    def forward(ctx, u, gamma):
        ctx.save_for_backward(u)
        ctx.gamma = gamma
        return (u > 0).to(u.dtype)

    @staticmethod
    def backward(ctx, grad):
        (u,) = ctx.saved_tensors
        return grad * ctx.gamma * torch.clamp(1.0 - u.abs(), min=0.0), None


class EINetwork(torch.nn.Module):
    def __init__(self, d, cfg, dtype):
        super().__init__()
        p = lambda name: torch.nn.Parameter(torch.tensor(np.load(os.path.join(d, name + ".npy")), dtype=dtype))
        b = lambda name: torch.tensor(np.load(os.path.join(d, name + ".npy")), dtype=dtype)
        self.w_in, self.w_rec, self.w_out, self.b_out = p("w_in"), p("w_rec"), p("w_out"), p("b_out")
        self.register_buffer("sign", b("sign"))
        self.register_buffer("mask", b("mask"))
        self.register_buffer("delta", b("adaptation"))
        dt = cfg["dt_ms"]
        self.alpha = math.exp(-dt / cfg["tau_syn_ms"])
        self.beta = math.exp(-dt / cfg["tau_mem_ms"])
        self.rho = math.exp(-dt / cfg["tau_adapt_ms"])
        self.kappa = math.exp(-dt / cfg["tau_out_ms"])
        self.theta = cfg["threshold_mv"]
        self.gamma = cfg["spike_scale"]
        self.dales = cfg["dales_law"]
        if cfg["reset"] != "soft" or cfg["spike"] != "Triangle":
            raise ValueError(f"train_peer.py implements the soft reset and the Triangle surrogate, got {cfg['reset']}/{cfg['spike']}")

    def forward(self, x):
        steps, batch, _ = x.shape
        n = self.w_rec.shape[0]
        if self.dales:
            w = self.w_rec.abs() * self.sign[:, None] * self.mask
        else:
            w = self.w_rec * self.mask
        # The input projection does not depend on the state: one matmul for all steps (what a PyTorch user would do).
        xin = (x.reshape(steps * batch, -1) @ self.w_in).reshape(steps, batch, n)
        zeros = x.new_zeros(batch, n)
        i_syn, v, a, s = zeros, zeros, zeros, zeros
        y = x.new_zeros(batch, self.w_out.shape[1])
        ys, spikes = [], []
        omb, inv_theta = 1.0 - self.beta, 1.0 / self.theta
        for t in range(steps):
            i_syn = self.alpha * i_syn + xin[t] + s @ w
            a = self.rho * a + s
            v = self.beta * v + omb * i_syn - self.theta * s
            u = (v - self.theta - self.delta * a) * inv_theta
            s = SpikeFn.apply(u, self.gamma)
            y = self.kappa * y + s @ self.w_out + self.b_out
            ys.append(y)
            spikes.append(s)
        return torch.stack(ys), torch.stack(spikes)


def loss_fn(net, x, labels, cfg):
    y, s = net(x)
    steps, batch = x.shape[0], x.shape[1]
    logits = y[cfg["response_start"]:cfg["response_end"]].mean(0)
    ce = torch.nn.functional.cross_entropy(logits, labels)
    rate = s.sum((0, 1)) * (1000.0 / (cfg["dt_ms"] * steps * batch))
    reg = cfg["rate_lambda"] * ((rate - cfg["target_rate_hz"]) ** 2).sum()
    return ce + reg, ce, reg, s


def check(d, cfg):
    torch.set_default_dtype(torch.float64)
    net = EINetwork(d, cfg, torch.float64)
    x = torch.tensor(np.load(os.path.join(d, "x.npy")), dtype=torch.float64)
    labels = torch.tensor(np.load(os.path.join(d, "labels.npy")), dtype=torch.long)
    loss, ce, reg, s = loss_fn(net, x, labels, cfg)
    loss.backward()
    rows = []
    rel_loss = abs(loss.item() - cfg["loss"]) / abs(loss.item())
    rows.append(("loss", loss.item(), cfg["loss"], rel_loss))
    for name in ["w_in", "w_rec", "w_out", "b_out"]:
        g = getattr(net, name).grad.numpy()
        ref = np.load(os.path.join(d, "grad_" + name + ".npy"))
        rel = float(np.linalg.norm(g - ref) / max(np.linalg.norm(g), 1e-300))
        rows.append((name, float(np.linalg.norm(g)), float(np.linalg.norm(ref)), rel))
    rate = s.sum().item() * 1000.0 / (cfg["dt_ms"] * x.shape[0] * x.shape[1] * s.shape[2])
    torch.set_default_dtype(torch.float32)
    return rows, rate


def time_training(d, cfg, dtype, iters, warmup):
    net = EINetwork(d, cfg, dtype)
    x = torch.tensor(np.load(os.path.join(d, "x.npy")), dtype=dtype)
    labels = torch.tensor(np.load(os.path.join(d, "labels.npy")), dtype=torch.long)
    opt = torch.optim.Adam(net.parameters(), lr=cfg["learning_rate"])
    tot, cpu, fwd, bwd = [], [], [], []
    for it in range(warmup + iters):
        # Process CPU time as well as wall time: on a loaded machine the wall time mostly measures waiting.
        c0 = time.process_time()
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=False)
        loss, _, _, _ = loss_fn(net, x, labels, cfg)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(net.parameters(), cfg["clip_norm"])
        opt.step()
        t3 = time.perf_counter()
        c1 = time.process_time()
        if it >= warmup:
            tot.append(t3 - t0); cpu.append(c1 - c0); fwd.append(t1 - t0); bwd.append(t2 - t1)
    return tot, cpu, fwd, bwd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--iters", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--skip-check", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    cfg = json.load(open(os.path.join(args.dir, "config.json")))
    out = {"impl": "pytorch", "torch": torch.__version__, "dtype": args.dtype, "threads": args.threads,
           "steps": cfg["steps"], "batch": cfg["batch"], "neurons": cfg["neurons"]}
    if not args.skip_check:
        rows, rate = check(args.dir, cfg)
        print(f"{'tensor':8} {'|torch|':>14} {'|brainsharp|':>14} {'rel. error':>10}   (float64 both sides)")
        for name, a, b, rel in rows:
            print(f"{name:8} {a:14.8g} {b:14.8g} {rel:10.2e}")
        worst = max(r[3] for r in rows)
        print(f"mean rate {rate:.3f} Hz; worst relative error {worst:.2e} -> {'PASS' if worst < 1e-4 else 'FAIL'} (< 1e-4)")
        out["check"] = {name: rel for name, _, _, rel in rows}
        out["check_pass"] = worst < 1e-4
    if args.iters > 0:
        dtype = torch.float32 if args.dtype == "float32" else torch.float64
        tot, cpu, fwd, bwd = time_training(args.dir, cfg, dtype, args.iters, args.warmup)
        out.update(iteration_seconds=tot, cpu_seconds=cpu, forward_seconds=fwd, backward_seconds=bwd,
                   median_iteration_seconds=statistics.median(tot), median_cpu_seconds=statistics.median(cpu))
        print(f"pytorch {args.dtype} {args.threads} thread(s): median {statistics.median(tot):.3f} s/iteration "
              f"({statistics.median(cpu):.3f} s CPU) "
              f"(forward {statistics.median(fwd):.3f} s, backward {statistics.median(bwd):.3f} s) over {args.iters}")
    with open(os.path.join(args.dir, f"torch_timing_{args.dtype}_{args.threads}t.json"), "w") as f:
        json.dump(out, f)
    if not args.skip_check and not out["check_pass"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
