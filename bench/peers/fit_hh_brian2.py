#!/usr/bin/env python3
"""Peer for the HH-tutorial fit: Brian2 (Debian) simulates, SciPy's differential evolution searches.

This is the brian2modelfitting recipe without its package (not in Debian): a NeuronGroup holds one neuron per
(candidate, protocol) pair, the protocols' currents come from a TimedArray, and each DE generation is one Brian2
run of the whole population (scipy's vectorized mode). Same model, equations, integrator (exponential Euler),
dt, initial state and search ranges as BrainSharp's fit. Prints JSON: time to reach the target MSE and the best.

usage: fit_hh_brian2.py [--target 1.8] [--maxiter 30] [--popsize 10] [--seed 1]
"""
import argparse, json, os, sys, time

T0 = time.perf_counter()
import numpy as np  # noqa: E402
from scipy.optimize import differential_evolution  # noqa: E402
from brian2 import *  # noqa: E402,F403

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "data", "hh-tutorial")  # the repository's copy of shared/data/hh-tutorial


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", type=float, default=1.8, help="MSE in mV^2")
    ap.add_argument("--maxiter", type=int, default=30)
    ap.add_argument("--popsize", type=int, default=10, help="scipy popsize (population = popsize * 3)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=DATA)
    a = ap.parse_args()
    inp = np.loadtxt(os.path.join(a.data, "input_traces_hh.csv"), delimiter=",", skiprows=1)[:, 1:]   # A
    out = np.loadtxt(os.path.join(a.data, "output_traces_hh.csv"), delimiter=",", skiprows=1)[:, 1:]  # mV
    n_proto, n_samples = inp.shape
    prefs.codegen.target = "cython"
    dt = 0.01 * ms
    defaultclock.dt = dt
    area = 20000 * umetre ** 2
    Cm = 1 * ufarad * cm ** -2 * area
    El, EK, ENa, VT = -65 * mV, -90 * mV, 50 * mV, -63 * mV
    I_arr = TimedArray(inp.T * amp, dt=dt)  # I_arr(t, protocol)
    eqs = """
    dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I_arr(t, proto))/Cm : volt
    dm/dt = 0.32*(mV**-1)*4*mV/exprel((13.*mV-v+VT)/(4.*mV))/ms*(1-m)-0.28*(mV**-1)*5*mV/exprel((v-VT-40.*mV)/(5.*mV))/ms*m : 1
    dn/dt = 0.032*(mV**-1)*5*mV/exprel((15.*mV-v+VT)/(5.*mV))/ms*(1.-n)-.5*exp((10.*mV-v+VT)/(40.*mV))/ms*n : 1
    dh/dt = 0.128*exp((17.*mV-v+VT)/(18.*mV))/ms*(1.-h)-4./(1+exp((40.*mV-v+VT)/(5.*mV)))/ms*h : 1
    gl : siemens (constant)
    g_na : siemens (constant)
    g_kd : siemens (constant)
    proto : integer (constant)
    """
    # search in log10 space over the tutorial's ranges (S)
    lo = np.log10([2e-12, 2e-7, 2e-7])
    hi = np.log10([2e-7, 4e-4, 2e-4])
    state = dict(best=np.inf, t_target=None, evals=0)
    cache = {}

    def mse_batch(X):  # X: (3, S) in log10 space, scipy's vectorized layout
        S = X.shape[1]
        if S not in cache:
            G = NeuronGroup(S * n_proto, eqs, method="exponential_euler", namespace=dict(
                El=El, EK=EK, ENa=ENa, VT=VT, Cm=Cm, I_arr=I_arr))
            M = StateMonitor(G, "v", record=True)
            net = Network(G, M)
            net.store()
            cache[S] = (G, M, net)
        G, M, net = cache[S]
        net.restore()
        p = 10 ** X
        G.gl = np.repeat(p[0], n_proto) * siemens
        G.g_na = np.repeat(p[1], n_proto) * siemens
        G.g_kd = np.repeat(p[2], n_proto) * siemens
        G.proto = np.tile(np.arange(n_proto), S)
        G.v = -65 * mV
        net.run(n_samples * dt)
        v = M.v / mV  # (S*n_proto, n_samples)
        err = ((v.reshape(S, n_proto, n_samples) - out[None]) ** 2).mean(axis=(1, 2))
        err = np.where(np.isfinite(err), err, 1e12)
        state["evals"] += S
        b = float(err.min())
        if b < state["best"]:
            state["best"] = b
            if b <= a.target and state["t_target"] is None:
                state["t_target"] = time.perf_counter() - T_START
        return err

    T_START = time.perf_counter()
    res = differential_evolution(mse_batch, list(zip(lo, hi)), maxiter=a.maxiter, popsize=a.popsize, seed=a.seed,
                                 vectorized=True, updating="deferred", polish=False, tol=0,
                                 callback=lambda xk, convergence=None: state["best"] <= a.target)
    wall = time.perf_counter() - T_START
    print(json.dumps(dict(peer="brian2+scipy-de", target_mse_mv2=a.target, time_to_target_seconds=state["t_target"],
                          best_mse_mv2=state["best"], evaluations=state["evals"], search_seconds=wall,
                          total_seconds=time.perf_counter() - T0,
                          g_L_nS=float(10 ** res.x[0] * 1e9), g_Na_nS=float(10 ** res.x[1] * 1e9),
                          g_Kd_nS=float(10 ** res.x[2] * 1e9))), flush=True)


if __name__ == "__main__":
    main()
