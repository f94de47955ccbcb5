using System.Runtime.InteropServices;
using BrainSharp.Dynamics;

namespace BrainSharp.Plasticity;

/// <summary>
/// Tsodyks-Markram short-term plasticity (Tsodyks, Pawelzik &amp; Markram 1998, Neural Comput 10:821, eqs. 3-4), evaluated
/// event by event per presynaptic neuron. With u_n the utilization and R_n the available resources at spike n and
/// Delta the interval since spike n:
///   u_{n+1} = u_n exp(-Delta/tau_f) (1 - U) + U,           u_1 = U
///   R_{n+1} = R_n (1 - u_n) exp(-Delta/tau_d) + 1 - exp(-Delta/tau_d),   R_1 = 1
/// and spike n is transmitted with efficacy u_n R_n (it scales the synaptic weight). tau_f = 0 gives pure depression
/// (u_n = U). These are the exact solutions of du/dt = -u/tau_f, dR/dt = (1 - R)/tau_d between spikes, so the result does
/// not depend on dt. Parameters: U in (0, 1] (default 0.5), tau_d > 0 ms (default 800), tau_f >= 0 ms (default 0).
/// State per pre neuron: u and R after its last spike, and the time of that spike.
/// </summary>
public sealed class TsodyksMarkram : ShortTermPlasticity
{
    private float[] _u = [], _r = [];
    private double[] _last = [];
    private StateVariable[] _states = [];

    /// <summary>Creates the rule (units: tauD, tauF in ms).</summary>
    public TsodyksMarkram(double u = 0.5, double tauD = 800, double tauF = 0)
    {
        if (!(u > 0 && u <= 1)) throw new ArgumentOutOfRangeException(nameof(u), u, $"TsodyksMarkram: U must be in (0, 1], got {u}.");
        if (!(tauD > 0) || !double.IsFinite(tauD)) throw new ArgumentOutOfRangeException(nameof(tauD), tauD, $"TsodyksMarkram: tauD must be positive and finite (ms), got {tauD}.");
        if (!(tauF >= 0) || !double.IsFinite(tauF)) throw new ArgumentOutOfRangeException(nameof(tauF), tauF, $"TsodyksMarkram: tauF must be non-negative and finite (ms), got {tauF}.");
        U = u; TauD = tauD; TauF = tauF;
    }

    /// <summary>Utilization increment U (dimensionless).</summary>
    public double U { get; }
    /// <summary>Recovery (depression) time constant, ms.</summary>
    public double TauD { get; }
    /// <summary>Facilitation time constant, ms (0: none).</summary>
    public double TauF { get; }

    /// <summary>Allocates the per-pre state for <paramref name="nPre"/> neurons.</summary>
    public override void Build(int nPre, Clock clock)
    {
        if (nPre < 0) throw new ArgumentOutOfRangeException(nameof(nPre), nPre, "TsodyksMarkram: nPre must be non-negative.");
        _u = new float[nPre]; _r = new float[nPre]; _last = new double[nPre];
        _states = [new StateVariable("u", "1", _u), new StateVariable("R", "1", _r)];
        Reset();
    }

    /// <summary>No spike seen yet: the next spike of each neuron has u = U, R = 1.</summary>
    public override void Reset()
    {
        Array.Clear(_u);
        Array.Fill(_r, 1f);
        Array.Fill(_last, double.NegativeInfinity);
    }

    /// <summary>Advances the state of the spiking pre neurons to time <paramref name="tMs"/> (ms) and writes each spike's efficacy u R.</summary>
    public override void OnSpikes(ReadOnlySpan<int> pre, double tMs, Span<float> efficacy)
    {
        double oneMinusU = 1 - U;
        for (int k = 0; k < pre.Length; k++)
        {
            int i = pre[k];
            double delta = tMs - _last[i];
            double ef = TauF > 0 ? Math.Exp(-delta / TauF) : 0.0, ed = Math.Exp(-delta / TauD);
            double uOld = _u[i];
            double u = uOld * ef * oneMinusU + U;
            double r = _r[i] * (1 - uOld) * ed + 1 - ed;
            _u[i] = (float)u; _r[i] = (float)r; _last[i] = tMs;
            efficacy[k] = (float)(u * r);
        }
    }

    /// <summary>The per-pre state: u and R after each neuron's last spike.</summary>
    public override IReadOnlyList<StateVariable> States => _states;

    /// <summary>Time of each pre neuron's last spike, ms (-infinity before the first).</summary>
    public ReadOnlySpan<double> LastSpike => _last;

    /// <inheritdoc />
    public override void SaveState(StateSnapshot snapshot)
    {
        base.SaveState(snapshot);
        snapshot.Put(MemoryMarshal.Cast<double, int>(_last.AsSpan()));
    }

    /// <inheritdoc />
    public override void RestoreState(StateSnapshot snapshot)
    {
        base.RestoreState(snapshot);
        snapshot.Take(MemoryMarshal.Cast<double, int>(_last.AsSpan()), "TsodyksMarkram.last_spike");
    }
}
