using System.Numerics;
using System.Numerics.Tensors;

namespace BrainSharp.Learning.Layers;

// General per-neuron kernels of EISpikingNetwork: adaptation current (GIF), conductance synapses and trainable time
// constants. Per step t, neuron j (batch row implicit), with the post-reset potential of the previous step
//   vr_{t-1} = v_{t-1} - theta s_{t-1} (soft reset)   or   v_{t-1} (1 - s_{t-1}) (hard reset, to rest):
//
//   synapses, current:      I_t  = alpha_j I_{t-1} + x_t W_in + s_{t-1} W                      (mV of drive)
//   synapses, conductance:  ge_t = alpha_j ge_{t-1} + x_t [W_in]+ + s_{t-1} [W]+               (units of g_L)
//                           gi_t = alpha_j gi_{t-1} + x_t [-W_in]+ + s_{t-1} [-W]+
//   adaptation current:     w_t  = rho_j w_{t-1} + (1 - rho_j) a vr_{t-1} + b s_{t-1}           (mV of drive)
//   membrane, current:      v_t  = beta_j v_{t-1} + (1 - beta_j)(I_t - w_t) - theta s_{t-1}      (soft)
//                           v_t  = beta_j vr_{t-1} + (1 - beta_j)(I_t - w_t)                     (hard)
//   membrane, conductance:  G = 1 + [ge_t]+ + [gi_t]+,   v_inf = ([ge_t]+ E_e + [gi_t]+ E_i - w_t) / G,
//                           B_t = exp(-dt G / tau_m,j) = beta_j^G,   v_t = B_t vr_{t-1} + (1 - B_t) v_inf
//   spikes:                 u_t = (v_t - theta - delta_j a_t) / theta,  s_t = H(u_t)  (threshold adaptation a as in ALIF)
//
// alpha_j = exp(-dt/tau_syn,j), beta_j = exp(-dt/tau_m,j), rho_j = exp(-dt/tau_w,j). The conductance membrane step is
// exponential Euler with the conductances frozen over the step (exact for constant g, as Brian2's exponential_euler):
// v stays between the reversal potentials for any conductance, so large learned weights cannot make it overshoot.
// Dividing tau_m dv/dt = -v + g_e (E_e - v) + g_i (E_i - v) - w by the leak conductance makes g dimensionless and w a
// drive in mV (w = R I_w), which is how the weights (and b) keep the current-based network's units. Negative inputs
// (noisy analog task channels) could make a conductance negative, which has no meaning: the membrane sees [g]+
// (derivative 1 at g = 0, so for non-negative inputs the model is exactly the linear one above).
// Sources: GIF, Mensi et al. (2012) J. Neurophysiol. 107:1756; AdEx adaptation, Brette & Gerstner (2005);
// conductance synapses and reversal potentials, Brette et al. (2007) COBA (E_L -60, E_e 0, E_i -80 mV).
// Trainable time constants are parameters p = log(tau / 1 ms), one per neuron (Perez-Nieves et al. 2021 train tau
// per neuron too), projected into [log tau_min, log tau_max] before each forward pass; d decay / dp = -decay log(decay).
public sealed partial class EISpikingNetwork<T>
{
    /// <summary>Adaptation-current jump b per spike (mV of drive) of each neuron (0 for non-adaptive neurons or threshold adaptation).</summary>
    public ReadOnlySpan<T> AdaptationCurrentJump => _bW;
    /// <summary>Trainable log(tau_m / 1 ms) per neuron, or null when tau_m is fixed.</summary>
    public TrainableParameter<T>? LogTauMem { get; private set; }
    /// <summary>Trainable log(tau_syn / 1 ms) per neuron, or null when tau_syn is fixed.</summary>
    public TrainableParameter<T>? LogTauSyn { get; private set; }
    /// <summary>Trainable log(tau_w / 1 ms) per neuron, or null when tau_w is fixed.</summary>
    public TrainableParameter<T>? LogTauW { get; private set; }

    private bool _ext, _cond, _gif;
    private T _eE, _eI;
    private double _logTauMin, _logTauMax;
    // Per-neuron decays and their logs (lambda = -dt/tau): alpha (synapse), beta (membrane), rho (adaptation current).
    private T[] _lnAl = [], _alV = [], _lnBe = [], _beV = [], _lnRw = [], _rwV = [], _bW = [], _cW = [];
    // Conductance split of the weights: [W]+ and [-W]+ (recurrent, input).
    private T[] _wPos = [], _wNeg = [], _winPos = [], _winNeg = [];
    // Traces per step: synaptic state I or ge (_tI), gi (_tH), adaptation current (_tW), conductance membrane decay B (_tB).
    private T[] _tI = [], _tH = [], _tW = [], _tB = [];
    // Carried state (gi, w) and reverse-pass buffers.
    private T[] _stH = [], _stW = [], _gH = [], _gW = [], _gP2 = [], _dWneg = [], _dWinPos = [], _dWinNeg = [];
    private T[] _gLnAl = [], _gLnBe = [], _gLnRw = [];

    private void InitExtended(SpikingNetworkOptions o, List<TrainableParameter<T>> ps)
    {
        int n = Neurons;
        _ext = o.UsesExtendedDynamics;
        _cond = o.Synapse == SynapseModel.Conductance;
        _gif = o.Adaptation == AdaptationMechanism.Current && o.AdaptiveFraction > 0;
        _bW = new T[n];
        if (o.Adaptation == AdaptationMechanism.Current)
        {
            // The same adaptive set as the constructor's; their increment becomes the current jump b, not a threshold step.
            _cW = new T[n];
            int nAdapt = (int)Math.Round(o.AdaptiveFraction * n);
            for (int k = 0; k < nAdapt; k++)
            {
                int j = (int)((long)k * n / nAdapt);
                _bW[j] = T.CreateTruncating(o.AdaptationMv);
                _cW[j] = T.CreateTruncating(o.SubthresholdAdaptation);
                _delta[j] = T.Zero;
            }
        }
        if (!_ext) return;
        _eE = T.CreateTruncating(o.ExcitatoryReversalMv);
        _eI = T.CreateTruncating(o.InhibitoryReversalMv);
        _logTauMin = Math.Log(o.MinTimeConstantMs);
        _logTauMax = Math.Log(o.MaxTimeConstantMs);
        _lnAl = new T[n]; _alV = new T[n]; _lnBe = new T[n]; _beV = new T[n]; _lnRw = new T[n]; _rwV = new T[n];
        if (_cW.Length == 0) _cW = new T[n];
        _gLnAl = new T[n]; _gLnBe = new T[n]; _gLnRw = new T[n];
        var tt = o.TrainTimeConstants;
        TrainableParameter<T>? Make(string name, double tau)
        {
            var v = new T[n];
            Array.Fill(v, T.CreateTruncating(Math.Log(tau)));
            var p = new TrainableParameter<T>(name, v, n);
            ps.Add(p);
            return p;
        }
        if (tt.HasFlag(TrainableTimeConstants.Membrane)) LogTauMem = Make("log_tau_mem", o.TauMemMs);
        if (tt.HasFlag(TrainableTimeConstants.Synapse)) LogTauSyn = Make("log_tau_syn", o.TauSynMs);
        if (tt.HasFlag(TrainableTimeConstants.AdaptationCurrent)) LogTauW = Make("log_tau_w", o.TauAdaptMs);
        UpdateDecays();
        if (_cond)
        {
            _wPos = new T[n * n]; _wNeg = new T[n * n]; _dWneg = new T[n * n];
            _winPos = new T[Inputs * n]; _winNeg = new T[Inputs * n]; _dWinPos = new T[Inputs * n]; _dWinNeg = new T[Inputs * n];
        }
    }

    /// <summary>The current time constants (ms) per neuron of <paramref name="which"/> (exactly one flag): trained values if trainable, else the option's value.</summary>
    public double[] TimeConstantsMs(TrainableTimeConstants which)
    {
        var (p, tau) = which switch
        {
            TrainableTimeConstants.Membrane => (LogTauMem, Options.TauMemMs),
            TrainableTimeConstants.Synapse => (LogTauSyn, Options.TauSynMs),
            TrainableTimeConstants.AdaptationCurrent => (LogTauW, Options.TauAdaptMs),
            _ => throw new ArgumentException($"EISpikingNetwork.TimeConstantsMs: give exactly one time constant, got {which}.", nameof(which)),
        };
        var r = new double[Neurons];
        for (int j = 0; j < r.Length; j++)
            r[j] = p is null ? tau : Math.Exp(Math.Clamp(double.CreateTruncating(p.Value[j]), _logTauMin, _logTauMax));
        return r;
    }

    private void EnsureExtendedState(int bn)
    {
        _stH = new T[bn]; _stW = new T[bn]; _gH = new T[bn]; _gW = new T[bn]; _gP2 = new T[bn];
    }

    private void AllocateExtendedTraces(long need)
    {
        _tI = new T[need];
        if (_cond) { _tH = new T[need]; _tB = new T[need]; }
        if (_gif) _tW = new T[need];
    }

    // Projects trainable log taus into the bounds and recomputes the per-neuron decays.
    private void UpdateDecays()
    {
        var o = Options;
        double dt = o.Dt;
        void Fill(TrainableParameter<T>? p, double tau, T[] ln, T[] decay)
        {
            for (int j = 0; j < ln.Length; j++)
            {
                double t = tau;
                if (p is not null)
                {
                    double lp = Math.Clamp(double.CreateTruncating(p.Value[j]), _logTauMin, _logTauMax);
                    if (lp != double.CreateTruncating(p.Value[j])) p.Value[j] = T.CreateTruncating(lp);
                    t = Math.Exp(double.CreateTruncating(p.Value[j]));
                }
                ln[j] = T.CreateTruncating(-dt / t);
                decay[j] = T.Exp(ln[j]);
            }
        }
        Fill(LogTauSyn, o.TauSynMs, _lnAl, _alV);
        Fill(LogTauMem, o.TauMemMs, _lnBe, _beV);
        Fill(LogTauW, o.TauAdaptMs, _lnRw, _rwV);
    }

    private void ForwardExtended(T[] inputs, int batch, int firstStep, int steps)
    {
        int n = Neurons, nout = Outputs, nin = Inputs, bn = batch * n;
        UpdateDecays();
        if (_cond) SplitWeights();
        _stI.AsSpan(0, bn).CopyTo(_tI.AsSpan(0, bn));
        if (_cond) _stH.AsSpan(0, bn).CopyTo(_tH.AsSpan(0, bn));
        if (_gif) _stW.AsSpan(0, bn).CopyTo(_tW.AsSpan(0, bn));

        T[] wout = OutputWeights.Value, bias = OutputBias.Value;
        T[] win = _cond ? _winPos : InputWeights.Value, wrec = _cond ? _wPos : _weff;
        int[] active = _active;
        bool binary = _spike.IsBinary, hard = _hard, cond = _cond, gif = _gif;
        T rho = _rho, kappa = _kappa, theta = _theta, invTheta = _invTheta, eE = _eE, eI = _eI;
        T sAlpha = T.CreateTruncating(_spike.Alpha);
        T[] alV = _alV, beV = _beV, lnBe = _lnBe, rwV = _rwV, bW = _bW, cW = _cW, delta = _delta;
        bool dale = Options.DalesLaw;
        int nE = ExcitatoryCount;
        for (int t = 0; t < steps; t++)
        {
            int prev = t * bn, cur = (t + 1) * bn;
            long xBase = (long)(firstStep + t) * batch * nin;
            for (int b = 0; b < batch; b++)
            {
                int o0 = b * n;
                Span<T> I = _stI.AsSpan(o0, n), V = _stV.AsSpan(o0, n), A = _stA.AsSpan(o0, n);
                Span<T> H = cond ? _stH.AsSpan(o0, n) : default, W = gif ? _stW.AsSpan(o0, n) : default;
                ReadOnlySpan<T> sPrev = _s.AsSpan(prev + o0, n);
                Span<T> sCur = _s.AsSpan(cur + o0, n), uCur = _u.AsSpan(cur + o0, n);
                Span<T> bCur = cond ? _tB.AsSpan(cur + o0, n) : default;
                ReadOnlySpan<T> x = inputs.AsSpan((int)(xBase + b * nin), nin);

                if (!cond) RecurrentKernels.AccumulateSynapticCurrent(I, alV, x, win, sPrev, wrec, active);
                else if (dale)
                {
                    // Under Dale's law only excitatory rows feed g_e and only inhibitory rows feed g_i.
                    RecurrentKernels.AccumulateSynapticCurrent(I, alV, x, win, sPrev[..nE], wrec, active);
                    RecurrentKernels.AccumulateSynapticCurrent(H, alV, x, _winNeg, sPrev[nE..], _wNeg.AsSpan(nE * n), active);
                }
                else
                {
                    RecurrentKernels.AccumulateSynapticCurrent(I, alV, x, win, sPrev, wrec, active);
                    RecurrentKernels.AccumulateSynapticCurrent(H, alV, x, _winNeg, sPrev, _wNeg, active);
                }

                for (int j = 0; j < n; j++)
                {
                    T sp = sPrev[j], vOld = V[j];
                    T a = rho * A[j] + sp;
                    A[j] = a;
                    T vr = hard ? vOld * (T.One - sp) : vOld - theta * sp;
                    T w = T.Zero;
                    if (gif)
                    {
                        w = rwV[j] * W[j] + (T.One - rwV[j]) * cW[j] * vr + bW[j] * sp;
                        W[j] = w;
                    }
                    T v;
                    if (cond)
                    {
                        T ge = T.Max(I[j], T.Zero), gi = T.Max(H[j], T.Zero);
                        T g = T.One + ge + gi;
                        T bb = T.Exp(g * lnBe[j]);
                        bCur[j] = bb;
                        T vinf = (ge * eE + gi * eI - w) / g;
                        v = bb * vr + (T.One - bb) * vinf;
                    }
                    else
                    {
                        T be = beV[j];
                        v = hard ? be * vr + (T.One - be) * (I[j] - w) : be * vOld + (T.One - be) * (I[j] - w) - theta * sp;
                    }
                    V[j] = v;
                    T u = (v - theta - delta[j] * a) * invTheta;
                    uCur[j] = u;
                    T s = SpikeFunction.Forward(u, binary, sAlpha);
                    sCur[j] = s;
                    if (!binary) _spikeCounts[j] += double.CreateTruncating(s);
                }
                V.CopyTo(_v.AsSpan(cur + o0, n));
                I.CopyTo(_tI.AsSpan(cur + o0, n));
                if (cond) H.CopyTo(_tH.AsSpan(cur + o0, n));
                if (gif) W.CopyTo(_tW.AsSpan(cur + o0, n));

                ReadoutStep(t, b, batch, sCur, wout, bias, binary);
            }
        }
    }

    // [W]+ and [-W]+ of the effective recurrent and the input weights (conductance synapses).
    private void SplitWeights()
    {
        TensorPrimitives.Max(_weff, T.Zero, _wPos);
        TensorPrimitives.Negate(_weff, _wNeg);
        TensorPrimitives.Max(_wNeg, T.Zero, _wNeg);
        TensorPrimitives.Max(InputWeights.Value, T.Zero, _winPos);
        TensorPrimitives.Negate(InputWeights.Value, _winNeg);
        TensorPrimitives.Max(_winNeg, T.Zero, _winNeg);
    }

    // Reverse pass of ForwardExtended: the exact adjoint of the equations in the file header, with the pseudo-derivative
    // for ds/du. The recurrent adjoint P = Ibar_{t+1} W^T is a dense product over the batch here (per-neuron decays do not
    // commute with W^T, so the event-driven recursion of the LIF path does not apply).
    private void BackwardExtended(ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> gradSpikesPerNeuron)
    {
        int n = Neurons, nout = Outputs, nin = Inputs, batch = _batch, steps = _steps, bn = batch * n;
        bool hard = _hard, cond = _cond, gif = _gif, hasGs = !gradSpikesPerNeuron.IsEmpty;
        bool trainSyn = LogTauSyn is not null, trainMem = LogTauMem is not null, trainW = LogTauW is not null;
        T[] gI = _gI, gH = _gH, gV = _gV, gA = _gA, gW = _gW, gY = _gY, gP = _gProd, gP2 = _gP2;
        Array.Clear(gI, 0, bn); Array.Clear(gV, 0, bn); Array.Clear(gA, 0, bn); Array.Clear(gY, 0, batch * nout);
        Array.Clear(gH, 0, bn); Array.Clear(gW, 0, bn); Array.Clear(gP, 0, bn);
        Array.Clear(_dWeff);
        Array.Clear(_gLnAl); Array.Clear(_gLnBe); Array.Clear(_gLnRw);
        if (cond) { Array.Clear(_dWneg); Array.Clear(_dWinPos); Array.Clear(_dWinNeg); }
        T[] wout = OutputWeights.Value, dWout = OutputWeights.Grad, dB = OutputBias.Grad;
        T[] dWin = cond ? _dWinPos : InputWeights.Grad;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < nout; k++) _woutT[k * n + i] = wout[i * nout + k];
        T[] wrec = cond ? _wPos : _weff;
        int[] active = _active;
        T rho = _rho, kappa = _kappa, theta = _theta, invTheta = _invTheta, eE = _eE, eI = _eI;
        T[] alV = _alV, beV = _beV, lnBe = _lnBe, rwV = _rwV, bW = _bW, cW = _cW, delta = _delta;
        var spike = _spike;
        bool dale = Options.DalesLaw;
        int nE = ExcitatoryCount;

        for (int t = steps - 1; t >= 0; t--)
        {
            int cur = (t + 1) * bn, prev = t * bn;
            // Recurrent adjoint of s_t: P = Ibar_{t+1} W^T (conductances: gebar [W]+^T + gibar [-W]+^T).
            if (t < steps - 1)
            {
                if (!cond) RecurrentKernels.MultiplyByTranspose<T>(gI.AsSpan(0, bn), wrec, gP, batch, n, n);
                else if (dale)
                {
                    // Under Dale's law [W]+ is zero on inhibitory rows and [-W]+ on excitatory ones: one product per block.
                    RowBlockProduct(gI, _wPos, 0, nE, batch);
                    RowBlockProduct(gH, _wNeg, nE, n - nE, batch);
                }
                else
                {
                    RecurrentKernels.MultiplyByTranspose<T>(gI.AsSpan(0, bn), _wPos, gP, batch, n, n);
                    RecurrentKernels.MultiplyByTranspose<T>(gH.AsSpan(0, bn), _wNeg, gP2, batch, n, n);
                    TensorPrimitives.Add(gP.AsSpan(0, bn), gP2.AsSpan(0, bn), gP.AsSpan(0, bn));
                }
            }
            for (int b = 0; b < batch; b++)
            {
                int o0 = b * n;
                Span<T> Y = gY.AsSpan(b * nout, nout);
                ReadOnlySpan<T> gyt = gradOutput.Slice((t * batch + b) * nout, nout);
                for (int k = 0; k < nout; k++) { Y[k] = gyt[k] + kappa * Y[k]; dB[k] += Y[k]; }

                ReadOnlySpan<T> sCur = _s.AsSpan(cur + o0, n), uCur = _u.AsSpan(cur + o0, n), vCur = _v.AsSpan(cur + o0, n);
                ReadOnlySpan<T> sPrev = _s.AsSpan(prev + o0, n), vPrev = _v.AsSpan(prev + o0, n);
                ReadOnlySpan<T> iCur = _tI.AsSpan(cur + o0, n), iPrev = _tI.AsSpan(prev + o0, n);
                ReadOnlySpan<T> hCur = cond ? _tH.AsSpan(cur + o0, n) : default, hPrev = cond ? _tH.AsSpan(prev + o0, n) : default;
                ReadOnlySpan<T> bCur = cond ? _tB.AsSpan(cur + o0, n) : default;
                ReadOnlySpan<T> bNext = cond && t < steps - 1 ? _tB.AsSpan(cur + bn + o0, n) : default;
                ReadOnlySpan<T> wCur = gif ? _tW.AsSpan(cur + o0, n) : default, wPrev = gif ? _tW.AsSpan(prev + o0, n) : default;
                Span<T> GI = gI.AsSpan(o0, n), GH = cond ? gH.AsSpan(o0, n) : default, GV = gV.AsSpan(o0, n), GA = gA.AsSpan(o0, n);
                Span<T> GW = gif ? gW.AsSpan(o0, n) : default;
                ReadOnlySpan<T> GP = gP.AsSpan(o0, n);
                bool last = t == steps - 1;
                for (int j = 0; j < n; j++)
                {
                    T vNext = GV[j], wNext = gif ? GW[j] : T.Zero;
                    T sv = sCur[j];
                    // Adjoint of the post-reset potential vr_t, used at step t+1 by the membrane (hard reset or
                    // conductances) and by the adaptation current's subthreshold coupling.
                    T vrb = gif ? (T.One - rwV[j]) * cW[j] * wNext : T.Zero;
                    if (cond) { if (!last) vrb += bNext[j] * vNext; }
                    else if (hard) vrb += beV[j] * vNext;
                    T sb = GP[j] + GA[j];
                    if (gif) sb += bW[j] * wNext;
                    for (int k = 0; k < nout; k++) sb += Y[k] * _woutT[k * n + j];
                    if (hasGs) sb += gradSpikesPerNeuron[j];
                    bool softCurrent = !cond && !hard;
                    if (softCurrent) sb -= theta * vNext;
                    sb -= vrb * (hard ? vCur[j] : theta);
                    T ub = sb * spike.Derivative(uCur[j], sv);
                    T vb = ub * invTheta + vrb * (hard ? T.One - sv : T.One);
                    if (softCurrent) vb += beV[j] * vNext;
                    GV[j] = vb;
                    GA[j] = rho * GA[j] - delta[j] * invTheta * ub;

                    // Step t's own dependencies: v_t on the synaptic state, w_t and the membrane decay.
                    T sp = sPrev[j];
                    T vrPrev = hard ? vPrev[j] * (T.One - sp) : vPrev[j] - theta * sp;
                    T w = gif ? wCur[j] : T.Zero;
                    T wDirect;
                    if (cond)
                    {
                        T ge = T.Max(iCur[j], T.Zero), gi = T.Max(hCur[j], T.Zero);
                        T g = T.One + ge + gi, bb = bCur[j];
                        T ig = T.One / g;
                        T vinf = (ge * eE + gi * eI - w) * ig;
                        T dv = bb * (vrPrev - vinf);
                        T dge = iCur[j] >= T.Zero ? dv * lnBe[j] + (T.One - bb) * (eE - vinf) * ig : T.Zero;
                        T dgi = hCur[j] >= T.Zero ? dv * lnBe[j] + (T.One - bb) * (eI - vinf) * ig : T.Zero;
                        GI[j] = alV[j] * GI[j] + vb * dge;
                        GH[j] = alV[j] * GH[j] + vb * dgi;
                        wDirect = -vb * (T.One - bb) * ig;
                        if (trainMem) _gLnBe[j] += vb * g * dv;
                        if (trainSyn) _gLnAl[j] += alV[j] * (GI[j] * iPrev[j] + GH[j] * hPrev[j]);
                    }
                    else
                    {
                        T be = beV[j];
                        GI[j] = (T.One - be) * vb + alV[j] * GI[j];
                        wDirect = -(T.One - be) * vb;
                        if (trainMem) _gLnBe[j] += vb * be * ((hard ? vrPrev : vPrev[j]) - (iCur[j] - w));
                        if (trainSyn) _gLnAl[j] += GI[j] * alV[j] * iPrev[j];
                    }
                    if (gif)
                    {
                        T wb = rwV[j] * wNext + wDirect;
                        GW[j] = wb;
                        if (trainW) _gLnRw[j] += wb * rwV[j] * (wPrev[j] - cW[j] * vrPrev);
                    }
                }

                int na = RecurrentKernels.Gather(sCur, active);
                for (int q = 0; q < na; q++)
                {
                    int i = active[q];
                    T s = sCur[i];
                    for (int k = 0; k < nout; k++) dWout[i * nout + k] += s * Y[k];
                }
                na = RecurrentKernels.Gather(sPrev, active);
                for (int q = 0; q < na; q++)
                {
                    int i = active[q];
                    T s = sPrev[i];
                    // Under Dale's law a row feeds one channel only, so only that channel's accumulator is read later.
                    if (!cond || !dale || i < nE) TensorPrimitives.MultiplyAdd(GI, s, _dWeff.AsSpan(i * n, n), _dWeff.AsSpan(i * n, n));
                    if (cond && (!dale || i >= nE)) TensorPrimitives.MultiplyAdd(GH, s, _dWneg.AsSpan(i * n, n), _dWneg.AsSpan(i * n, n));
                }
                ReadOnlySpan<T> x = _x.AsSpan((int)(((long)(_xOffsetSteps + t) * batch + b) * nin), nin);
                for (int c = 0; c < nin; c++)
                {
                    T xv = x[c];
                    if (xv == T.Zero) continue;
                    TensorPrimitives.MultiplyAdd(GI, xv, dWin.AsSpan(c * n, n), dWin.AsSpan(c * n, n));
                    if (cond) TensorPrimitives.MultiplyAdd(GH, xv, _dWinNeg.AsSpan(c * n, n), _dWinNeg.AsSpan(c * n, n));
                }
            }
        }

        if (cond)
        {
            // d[w]+/dw = 1 for w > 0, d[-w]+/dw = -1 for w < 0; at w = 0 the one-sided derivative of the presynaptic
            // channel (excitatory rows and all inputs: g_e; inhibitory rows under Dale's law: g_i).
            for (int i = 0; i < n; i++)
            {
                bool exc = _sign[i] > T.Zero;
                for (int j = 0; j < n; j++)
                {
                    int k = i * n + j;
                    T w = _weff[k];
                    _dWeff[k] = w > T.Zero || (w == T.Zero && exc) ? _dWeff[k] : -_dWneg[k];
                }
            }
            T[] winV = InputWeights.Value, gWin = InputWeights.Grad;
            for (int k = 0; k < winV.Length; k++) gWin[k] += winV[k] >= T.Zero ? _dWinPos[k] : -_dWinNeg[k];
        }

        AccumulateRawWeightGradient();
        // dL/dp for p = log tau: dL/dlambda * dlambda/dp with lambda = -dt e^{-p}, so dlambda/dp = -lambda
            AddLogTauGrad(LogTauMem, _gLnBe, _lnBe);
        AddLogTauGrad(LogTauSyn, _gLnAl, _lnAl);
        AddLogTauGrad(LogTauW, _gLnRw, _lnRw);
    }

    // gProd[b, r0 + q] = sum_j g[b, j] w[r0 + q, j] for q < rows: the recurrent adjoint of one block of presynaptic rows.
    private void RowBlockProduct(T[] g, T[] w, int r0, int rows, int batch)
    {
        if (rows == 0) return;
        int n = Neurons;
        RecurrentKernels.MultiplyByTranspose<T>(g.AsSpan(0, batch * n), w.AsSpan(r0 * n, rows * n), _gP2, batch, rows, n);
        for (int b = 0; b < batch; b++) _gP2.AsSpan(b * rows, rows).CopyTo(_gProd.AsSpan(b * n + r0, rows));
    }

    private void AddLogTauGrad(TrainableParameter<T>? p, T[] gLambda, T[] lambda)
    {
        if (p is null) return;
        for (int j = 0; j < Neurons; j++) p.Grad[j] -= gLambda[j] * lambda[j];
    }
}
