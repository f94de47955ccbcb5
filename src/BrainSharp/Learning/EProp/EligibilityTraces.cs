using System.Numerics;
using System.Numerics.Tensors;

namespace BrainSharp.Learning.EProp;

/// <summary>
/// The eligibility state of one trial for all synapses p -> j (p over [inputs, recurrent neurons], P = N_in + N), and
/// the batch's gradient accumulators, for <see cref="EPropLearner{T}"/> (equations in its header):
/// presynaptic vectors eI_p, ev_p (shared by all j: the reset's derivative is ignored), per-row filtered traces
/// ebar_j[P] and their response-window sums S_j[P], adaptation eligibility rows ea_j[P] for ALIF neurons.
/// A row is touched only at steps where psi_j != 0; in between it only decays, which is applied in closed form
/// (kappa^m, rho^m and a geometric window sum) when it is next touched or at the end of the trial.
/// Hard reset (v_t = beta (1 - s_j,t-1) v_t-1 + (1-beta) I_t, reset's derivative through s detached): the membrane
/// eligibility vector becomes per row, ev_jp,t = beta (1 - s_j,t-1) ev_jp,t-1 + (1-beta) eI_p,t. It is kept as the
/// shared ev_p minus a per-row correction d_jp, which obeys d_t = beta (1 - s_j,t-1) d_t-1 + beta s_j,t-1 ev_p,t-1:
/// between spikes of j it only decays by beta (applied in closed form), and at a spike (s = 1) it becomes beta ev_p
/// (a copy), so ev_jp,t = ev_p,t - beta^(t - t_s) ev_p,t_s with t_s the last spike of j. Rows stay lazy.
/// Memory O(N P), independent of the trial length.
/// </summary>
internal sealed class EligibilityTraces<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _n, _nin, _p;
    private readonly T _alpha, _beta, _omb, _rho;
    private readonly double _kappaD, _rhoD;
    private readonly T[] _delta;
    private readonly int[] _adaptIndex;
    private readonly T[] _pre, _eI, _ev, _e, _ebar, _win, _ea;
    private readonly int[] _lastT, _eaT;
    private readonly bool[] _touched;
    private readonly T[] _g, _r;
    // Hard reset: per-row corrections D_j with d_jp,t = beta^(t - _dT[j]) D_j,p for t > _dT[j] (empty for the soft reset).
    private readonly T[] _dst;
    private readonly int[] _dT;
    private readonly double _betaD;

    /// <summary>Buffers for <paramref name="neurons"/> postsynaptic rows of <paramref name="inputs"/> + <paramref name="neurons"/> synapses; decay factors per step.</summary>
    public EligibilityTraces(int inputs, int neurons, T[] delta, double alpha, double beta, double rho, double kappa, bool hardReset = false)
    {
        _betaD = beta;
        _n = neurons; _nin = inputs; _p = inputs + neurons;
        _alpha = T.CreateTruncating(alpha); _beta = T.CreateTruncating(beta); _omb = T.One - _beta;
        _rhoD = rho; _rho = T.CreateTruncating(rho); _kappaD = kappa;
        _delta = delta;
        _adaptIndex = new int[_n];
        int na = 0;
        for (int j = 0; j < _n; j++) _adaptIndex[j] = delta[j] != T.Zero ? na++ : -1;
        int n = _n, p = _p;
        _pre = new T[p]; _eI = new T[p]; _ev = new T[p]; _e = new T[p];
        _ebar = new T[n * p]; _win = new T[n * p]; _ea = new T[na * p];
        _lastT = new int[n]; _eaT = new int[na]; _touched = new bool[n];
        _g = new T[n * p]; _r = new T[n * p];
        _dst = hardReset ? new T[n * p] : [];
        _dT = hardReset ? new int[n] : [];
    }

    /// <summary>True when the traces follow the hard reset (per-row membrane eligibility corrections).</summary>
    public bool HardReset => _dT.Length > 0;

    /// <summary>Elements held by all buffers.</summary>
    public long Elements => (long)_pre.Length + _eI.Length + _ev.Length + _e.Length + _ebar.Length + _win.Length + _ea.Length
        + _lastT.Length + _eaT.Length + _touched.Length + _g.Length + _r.Length + _adaptIndex.Length + _dst.Length + _dT.Length;

    /// <summary>Gradient accumulator [post j, pre p] of the batch (cross-entropy part, plus the regularizer after <see cref="AddRegularizer"/>).</summary>
    public ReadOnlySpan<T> Gradient => _g;

    /// <summary>Clears the batch accumulators.</summary>
    public void BeginBatch() { Array.Clear(_g); Array.Clear(_r); }

    /// <summary>Clears the trial state (only rows touched in the previous trial).</summary>
    public void BeginTrial()
    {
        int p = _p;
        Array.Clear(_eI); Array.Clear(_ev);
        for (int j = 0; j < _n; j++)
        {
            if (_touched[j]) { Array.Clear(_ebar, j * p, p); Array.Clear(_win, j * p, p); _touched[j] = false; }
            _lastT[j] = -1;
        }
        Array.Clear(_ea);
        Array.Fill(_eaT, -1);
        Array.Fill(_dT, -1);
    }

    /// <summary>
    /// Hard reset only: neuron j emitted s = <paramref name="s"/> (non-zero) at step t, so its membrane eligibility is
    /// reset at t+1: D_j &lt;- (1 - s) d_j,t + s ev_t (then d_j,t' = beta^(t' - t) D_j). Call after the rows of step t.
    /// </summary>
    public void ApplyReset(int j, int t, T s)
    {
        int p = _p;
        Span<T> d = _dst.AsSpan(j * p, p);
        int t0 = _dT[j];
        T keep = T.One - s;
        if (t0 < 0 || keep == T.Zero) TensorPrimitives.Multiply(_ev, s, d);
        else
        {
            // d_t = beta^(t - t0) D; D <- (1 - s) d_t + s ev_t.
            TensorPrimitives.Multiply(d, keep * Decay(_betaD, t - t0), d);
            TensorPrimitives.MultiplyAdd(_ev, s, d, d);
        }
        _dT[j] = t;
    }

    /// <summary>Advances the presynaptic vectors with the signals entering I_t: inputs x_t and spikes s_{t-1}.</summary>
    public void StepPresynaptic(ReadOnlySpan<T> x, ReadOnlySpan<T> sPrev)
    {
        x.CopyTo(_pre);
        sPrev.CopyTo(_pre.AsSpan(_nin));
        TensorPrimitives.MultiplyAdd(_eI, _alpha, _pre, _eI);
        TensorPrimitives.Multiply(_ev, _beta, _ev);
        TensorPrimitives.MultiplyAdd(_eI, _omb, _ev, _ev);
    }

    /// <summary>
    /// Row j at step t with c = psi_j,t / theta: e = c (ev_j - delta_j ea_j) (ev_j = ev, or ev - d_j after a hard reset), ea_j &lt;- rho ea_j + e, ebar_j &lt;- kappa ebar_j + e,
    /// window sum S_j += ebar_j if t is in [ws, we), regularizer sum += e if <paramref name="reg"/>.
    /// </summary>
    public void UpdateRow(int j, int t, T c, int ws, int we, bool reg)
    {
        int p = _p;
        Span<T> e = _e;
        TensorPrimitives.Multiply(_ev, c, e);
        if (_dT.Length > 0 && _dT[j] >= 0)
            TensorPrimitives.MultiplyAdd(_dst.AsSpan(j * p, p), -c * Decay(_betaD, t - _dT[j]), e, e); // ev_j = ev - d_j
        int ka = _adaptIndex[j];
        if (ka >= 0)
        {
            Span<T> ea = _ea.AsSpan(ka * p, p);
            int t0 = _eaT[ka];
            if (t0 >= 0)
            {
                // ea is stored at step t0; psi was zero since, so it only decayed: ea_t = rho^(t - t0) ea_t0.
                if (t > t0) TensorPrimitives.Multiply(ea, Decay(_rhoD, t - t0), ea);
                TensorPrimitives.MultiplyAdd(ea, -c * _delta[j], e, e);
                TensorPrimitives.MultiplyAdd(ea, _rho, e, ea); // ea_{t+1} = rho ea_t + e_t
            }
            else e.CopyTo(ea);
            _eaT[ka] = t + 1;
        }
        Span<T> row = _ebar.AsSpan(j * p, p);
        if (_lastT[j] >= 0)
        {
            FlushWindow(j, t, ws, we); // may re-reference the row at a later step
            TensorPrimitives.MultiplyAdd(row, Decay(_kappaD, t - _lastT[j]), e, row);
        }
        else e.CopyTo(row);
        _lastT[j] = t;
        _touched[j] = true;
        if (t >= ws && t < we) TensorPrimitives.Add(_win.AsSpan(j * p, p), row, _win.AsSpan(j * p, p));
        if (reg) TensorPrimitives.Add(_r.AsSpan(j * p, p), e, _r.AsSpan(j * p, p));
    }

    /// <summary>At the end of a trial of <paramref name="steps"/> steps: gradient row j += learning[j] * S_j (window sums completed first).</summary>
    public void EndTrial(ReadOnlySpan<T> learning, int steps, int ws, int we)
    {
        int p = _p;
        for (int j = 0; j < _n; j++)
        {
            if (!_touched[j]) continue;
            FlushWindow(j, steps, ws, we);
            TensorPrimitives.MultiplyAdd(_win.AsSpan(j * p, p), learning[j], _g.AsSpan(j * p, p), _g.AsSpan(j * p, p));
        }
    }

    /// <summary>Gradient row j += dR/ds_j * sum_t e_j (the regularizer's part, once the batch's rates are known).</summary>
    public void AddRegularizer(ReadOnlySpan<T> gradSpikes)
    {
        int p = _p;
        for (int j = 0; j < _n; j++)
            TensorPrimitives.MultiplyAdd(_r.AsSpan(j * p, p), gradSpikes[j], _g.AsSpan(j * p, p), _g.AsSpan(j * p, p));
    }

    // Adds to S_j the steps in (lastT, until) inside [ws, we) during which row j only decayed:
    // sum over those tau of kappa^(tau - lastT) * ebar(lastT); then re-references the row at the last such step.
    private void FlushWindow(int j, int until, int ws, int we)
    {
        int last = _lastT[j];
        if (last < 0) return;
        int a = Math.Max(last + 1, ws), z = Math.Min(until - 1, we - 1);
        if (a > z) return;
        double coef = Math.Pow(_kappaD, a - last) * (1 - Math.Pow(_kappaD, z - a + 1)) / (1 - _kappaD);
        int p = _p;
        Span<T> row = _ebar.AsSpan(j * p, p), sum = _win.AsSpan(j * p, p);
        TensorPrimitives.MultiplyAdd(row, T.CreateTruncating(coef), sum, sum);
        TensorPrimitives.Multiply(row, Decay(_kappaD, z - last), row);
        _lastT[j] = z;
    }

    // base^m as T, flushed to zero below 1e-30 so that long silent stretches never produce float32 denormals.
    private static T Decay(double b, int m)
    {
        double f = Math.Pow(b, m);
        return f < 1e-30 ? T.Zero : T.CreateTruncating(f);
    }
}
