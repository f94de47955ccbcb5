using System.Numerics;
using System.Numerics.Tensors;
using BrainSharp.Autodiff;
using BrainSharp.Random;

namespace BrainSharp.Learning.Layers;

/// <summary>
/// A batched recurrent E/I spiking network for training, with one fused forward pass over a whole
/// sequence and its hand-written reverse pass (BPTT). Per step t (batch row implicit, [B, N] arrays):
/// <code>
///   I_t = alpha I_{t-1} + x_t W_in + s_{t-1} W          alpha = exp(-dt/tau_syn)  (exponential current synapse)
///   a_t = rho a_{t-1} + s_{t-1}                          rho   = exp(-dt/tau_a)    (threshold adaptation)
///   v_t = beta v_{t-1} + (1-beta) I_t - theta s_{t-1}   (soft reset)              beta = exp(-dt/tau_m)
///   v_t = beta v_{t-1} (1 - s_{t-1}) + (1-beta) I_t      (hard reset)
///   u_t = (v_t - theta - delta a_t) / theta,  s_t = H(u_t)  (pseudo-derivative in the backward pass)
///   y_t = kappa y_{t-1} + s_t W_out + b                  kappa = exp(-dt/tau_out)  (leaky readout)
///   W   = |W_raw| * sign(pre) * mask                       (Dale's law: sign +1 for E rows, -1 for I rows)
/// </code>
/// v in mV relative to rest, theta the threshold (mV), delta the adaptation per spike (mV; 0 for LIF
/// neurons), weights in mV. Sources: LIF/ALIF with current synapses as in Bellec et al. (2018, LSNN;
/// 2020, e-prop); Dale's law by sign masks as in Song, Yang &amp; Wang (2016); surrogate gradients as in
/// Neftci, Mostafa &amp; Zenke (2019).
/// The forward pass is event-driven (recurrent, input and readout products add weight rows only for
/// non-zero presynaptic values); the reverse pass is event-driven too: Ibar W^T is carried by a linear
/// recursion fed only by neurons whose pseudo-derivative is non-zero (or that spiked, hard reset), see
/// <see cref="Backward"/>. Nothing is allocated per step. Not thread-safe.
/// The adaptation current (GIF), conductance synapses and trainable time constants
/// (<see cref="SpikingNetworkOptions.UsesExtendedDynamics"/>) run through general per-neuron kernels whose equations
/// are given in EISpikingNetwork.Extended.cs; the defaults run the equations above unchanged.
/// </summary>
public sealed partial class EISpikingNetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The configuration this network was built with.</summary>
    public SpikingNetworkOptions Options { get; }
    /// <summary>Number of input channels.</summary>
    public int Inputs { get; }
    /// <summary>Number of recurrent neurons.</summary>
    public int Neurons { get; }
    /// <summary>Number of readout units.</summary>
    public int Outputs { get; }
    /// <summary>Number of excitatory neurons (indices [0, ExcitatoryCount)).</summary>
    public int ExcitatoryCount { get; }

    /// <summary>Input weights [Inputs, Neurons] (mV), unconstrained.</summary>
    public TrainableParameter<T> InputWeights { get; }
    /// <summary>Raw recurrent weights [pre, post] (mV); the effective weights are |raw| * sign(pre) * mask under Dale's law.</summary>
    public TrainableParameter<T> RecurrentWeights { get; }
    /// <summary>Readout weights [Neurons, Outputs].</summary>
    public TrainableParameter<T> OutputWeights { get; }
    /// <summary>Readout bias [Outputs].</summary>
    public TrainableParameter<T> OutputBias { get; }
    /// <summary>All trainable parameters in a fixed order: w_in, w_rec, w_out, b_out, then log_tau_mem, log_tau_syn, log_tau_w where trained.</summary>
    public IReadOnlyList<TrainableParameter<T>> Parameters { get; }

    /// <summary>Presynaptic sign per neuron (+1 excitatory, -1 inhibitory; all +1 without Dale's law).</summary>
    public ReadOnlySpan<T> Sign => _sign;
    /// <summary>Connectivity mask [pre, post] (1 = synapse exists).</summary>
    public ReadOnlySpan<T> Mask => _mask;
    /// <summary>Threshold increase per spike (mV) of each neuron (0 for non-adaptive neurons and under <see cref="AdaptationMechanism.Current"/>).</summary>
    public ReadOnlySpan<T> Adaptation => _delta;

    private readonly T[] _sign, _mask, _delta, _weff;
    private readonly T _alpha, _beta, _rho, _kappa, _theta, _oneMinusBeta, _invTheta;
    private readonly SpikeFunction _spike;
    private readonly bool _hard;

    // Traces of the last forward pass: slot 0 = state before the first step, slot t+1 = after step t.
    private T[] _s = [], _u = [], _v = [];
    private T[] _y = [];
    private T[] _x = [];
    private int _xOffsetSteps, _steps, _batch;
    private bool _haveForward;
    // Carried state between calls (for truncated BPTT) and running buffers.
    private T[] _stI = [], _stV = [], _stA = [], _stS = [], _stY = [];
    // Reverse-pass buffers.
    private T[] _gI = [], _gV = [], _gA = [], _gY = [], _gProd = [], _dWeff = [], _woutT = [];
    private int[] _active = [];
    // Q_t = vbar_t W^T per batch row, the event-driven innovations z_t = vbar_t - beta vbar_{t+1}, and W^T.
    private T[] _gQ = [], _gZ = [], _wT = [];
    private double[] _spikeCounts = [];

    /// <summary>Builds the network and draws initial weights and the connectivity mask from <see cref="SpikingNetworkOptions.Seed"/>.</summary>
    public EISpikingNetwork(SpikingNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        int nin = Inputs = options.Inputs, n = Neurons = options.Neurons, nout = Outputs = options.Outputs;
        ExcitatoryCount = options.DalesLaw ? (int)Math.Round(options.ExcitatoryFraction * n) : n;
        double dt = options.Dt, theta = options.ThresholdMv;
        _alpha = T.CreateTruncating(Math.Exp(-dt / options.TauSynMs));
        _beta = T.CreateTruncating(Math.Exp(-dt / options.TauMemMs));
        _oneMinusBeta = T.One - _beta;
        _rho = T.CreateTruncating(Math.Exp(-dt / options.TauAdaptMs));
        _kappa = T.CreateTruncating(Math.Exp(-dt / options.TauOutMs));
        _theta = T.CreateTruncating(theta);
        _invTheta = T.One / _theta;
        _spike = options.Spike;
        _hard = options.Reset == ResetMode.Hard;

        _sign = new T[n];
        for (int i = 0; i < n; i++) _sign[i] = i < ExcitatoryCount ? T.One : -T.One;
        _delta = new T[n];
        int nAdapt = (int)Math.Round(options.AdaptiveFraction * n);
        // Spread adaptive neurons evenly over the index range so E and I both get their share.
        for (int k = 0; k < nAdapt; k++) _delta[(int)((long)k * n / nAdapt)] = T.CreateTruncating(options.AdaptationMv);

        var rng = new RandomStream(options.Seed, Philox.StreamId(0x7EA1, 1));
        _mask = new T[n * n];
        int[] fanIn = new int[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double p = options.ConnectionProbability;
                if (options.DistanceSigma is double sg)
                {
                    double d = Math.Abs(i - j) / (double)n;
                    d = Math.Min(d, 1 - d);
                    p *= Math.Exp(-d * d / (2 * sg * sg));
                }
                if (p >= 1 || rng.NextDouble() < p) { _mask[i * n + j] = T.One; fanIn[j]++; }
            }

        var win = new T[nin * n];
        double sIn = options.InputScale * theta / Math.Sqrt(nin);
        // Conductance weights are in units of the leak conductance: divide by the driving force at v = theta/2 so the
        // initial drive is comparable to the current-based network's (same random draws for the same seed).
        bool cond = options.Synapse == SynapseModel.Conductance;
        double dfE = cond ? options.ExcitatoryReversalMv - theta / 2 : 1, dfI = cond ? theta / 2 - options.InhibitoryReversalMv : 1;
        for (int k = 0; k < win.Length; k++)
        {
            double w = sIn * rng.NextNormal();
            win[k] = T.CreateTruncating(w >= 0 ? w / dfE : w / dfI);
        }
        var wrec = new T[n * n];
        int nE = ExcitatoryCount, nI = n - nE;
        // Inhibitory rows are scaled by nE/nI so that the mean recurrent input is balanced at initialization.
        double gInh = options.DalesLaw && nI > 0 && nE > 0 ? (double)nE / nI : 1.0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double fan = Math.Max(1, fanIn[j]);
                double sRec = options.RecurrentScale * theta / Math.Sqrt(fan) * (i >= nE ? gInh : 1.0);
                double w = sRec * rng.NextNormal();
                w = _mask[i * n + j] == T.Zero ? 0.0 : (options.DalesLaw ? Math.Abs(w) : w);
                if (cond) w /= options.DalesLaw ? (i < nE ? dfE : dfI) : (w >= 0 ? dfE : dfI);
                wrec[i * n + j] = T.CreateTruncating(w);
            }
        var wout = new T[n * nout];
        double sOut = 1.0 / Math.Sqrt(n);
        for (int k = 0; k < wout.Length; k++) wout[k] = T.CreateTruncating(sOut * rng.NextNormal());

        InputWeights = new TrainableParameter<T>("w_in", win, nin, n);
        RecurrentWeights = new TrainableParameter<T>("w_rec", wrec, n, n);
        OutputWeights = new TrainableParameter<T>("w_out", wout, n, nout);
        OutputBias = new TrainableParameter<T>("b_out", new T[nout], nout);
        var ps = new List<TrainableParameter<T>> { InputWeights, RecurrentWeights, OutputWeights, OutputBias };
        InitExtended(options, ps);
        Parameters = ps;
        _weff = new T[n * n];
        _dWeff = new T[n * n];
        _woutT = new T[nout * n];
    }

    private BrainSharp.Numerics.Tensor<T>[]? _paramTensors;
    private long _forwardCount;

    /// <summary>Tensor views of <see cref="Parameters"/> ([w_in, w_rec (raw), w_out, b_out], then any log tau) that share the parameter arrays; mark them RequiresGrad to train through <see cref="ForwardOnTape"/>.</summary>
    public IReadOnlyList<BrainSharp.Numerics.Tensor<T>> ParameterTensors =>
        _paramTensors ??= Parameters.Select(p => new BrainSharp.Numerics.Tensor<T>(p.Value, p.Shape)).ToArray();

    /// <summary>
    /// The whole-sequence fused forward as ONE node on the autodiff tape: input [steps, batch, Inputs] -> readout
    /// [steps, batch, Outputs], starting from the zero state. Its VJP is <see cref="Backward"/>; the gradients flow to
    /// <see cref="ParameterTensors"/> (the parameters' Grad arrays serve as scratch). The input gets no gradient.
    /// The tape's backward must run before the next forward pass of this network.
    /// </summary>
    public BrainSharp.Numerics.Tensor<T> ForwardOnTape(BrainSharp.Numerics.Tensor<T> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank != 3 || inputs.Shape[2] != Inputs)
            throw new ArgumentException($"EISpikingNetwork.ForwardOnTape: inputs must be [steps, batch, {Inputs}], got {BrainSharp.Numerics.ShapeUtil.Format(inputs.Shape)}.");
        int steps = inputs.Shape[0], batch = inputs.Shape[1];
        var pt = ParameterTensors;
        long id = 0;
        var operands = new BrainSharp.Numerics.Tensor<T>[pt.Count + 1];
        operands[0] = inputs;
        for (int i = 0; i < pt.Count; i++) operands[i + 1] = pt[i];
        return Autograd.CustomOp<T>("EISpikingNetwork.Sequence", operands, xs =>
        {
            ResetState(batch);
            Forward(xs[0].Data, batch, 0, steps);
            id = _forwardCount;
            return new BrainSharp.Numerics.Tensor<T>(Output.ToArray(), steps, batch, Outputs);
        }, (xs, y, g) =>
        {
            if (id != _forwardCount)
                throw new InvalidOperationException("EISpikingNetwork.ForwardOnTape: the network ran another forward pass before this node's backward; its traces are gone.");
            ZeroGrad();
            Backward(g.Data);
            var res = new BrainSharp.Numerics.Tensor<T>?[Parameters.Count + 1];
            for (int i = 0; i < Parameters.Count; i++) res[i + 1] = new BrainSharp.Numerics.Tensor<T>((T[])Parameters[i].Grad.Clone(), Parameters[i].Shape);
            return res;
        });
    }

    /// <summary>Readout of the last forward pass, [steps, batch, Outputs].</summary>
    public ReadOnlySpan<T> Output => _y.AsSpan(0, _steps * _batch * Outputs);
    /// <summary>Spikes of the last forward pass at step t (0-based within that pass), [batch, Neurons].</summary>
    public ReadOnlySpan<T> SpikesAt(int t) => _s.AsSpan((t + 1) * _batch * Neurons, _batch * Neurons);
    /// <summary>Membrane potential distance u_t = (v - A)/theta of the last forward pass at step t, [batch, Neurons].</summary>
    public ReadOnlySpan<T> DistanceAt(int t) => _u.AsSpan((t + 1) * _batch * Neurons, _batch * Neurons);
    /// <summary>Spike count per neuron summed over batch and steps of the last forward pass.</summary>
    public ReadOnlySpan<double> SpikeCounts => _spikeCounts;
    /// <summary>Steps of the last forward pass.</summary>
    public int LastSteps => _steps;
    /// <summary>Batch size of the last forward pass.</summary>
    public int LastBatch => _batch;

    /// <summary>The effective recurrent weights |W_raw| * sign * mask (mV), [pre, post].</summary>
    public T[] EffectiveRecurrentWeights()
    {
        UpdateEffectiveWeights();
        return (T[])_weff.Clone();
    }

    /// <summary>Zeros all parameter gradients.</summary>
    public void ZeroGrad() { foreach (var p in Parameters) p.ZeroGrad(); }

    /// <summary>Clears the carried state (I, v, a, s, y) for <paramref name="batch"/> trials.</summary>
    public void ResetState(int batch)
    {
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "EISpikingNetwork: batch must be positive.");
        int bn = batch * Neurons;
        EnsureState(batch);
        Array.Clear(_stI, 0, bn); Array.Clear(_stV, 0, bn); Array.Clear(_stA, 0, bn); Array.Clear(_stS, 0, bn);
        Array.Clear(_stY, 0, batch * Outputs);
        if (_ext) { Array.Clear(_stH, 0, bn); Array.Clear(_stW, 0, bn); }
    }

    private int _stateBatch = -1;
    private void EnsureState(int batch)
    {
        if (_stateBatch == batch) return;
        int bn = batch * Neurons;
        _stI = new T[bn]; _stV = new T[bn]; _stA = new T[bn]; _stS = new T[bn]; _stY = new T[batch * Outputs];
        _gI = new T[bn]; _gV = new T[bn]; _gA = new T[bn]; _gProd = new T[bn]; _gY = new T[batch * Outputs];
        _active = new int[Math.Max(Neurons, Inputs)];
        _gQ = new T[bn]; _gZ = new T[Neurons];
        if (_ext) EnsureExtendedState(bn);
        _stateBatch = batch;
    }

    /// <summary>
    /// Runs <paramref name="steps"/> steps starting at step <paramref name="firstStep"/> of the time-major input
    /// <paramref name="inputs"/> [*, batch, Inputs], from the carried state (call <see cref="ResetState"/> at trial start).
    /// Keeps the traces for <see cref="Backward"/>; the caller must not change <paramref name="inputs"/> before it.
    /// </summary>
    public void Forward(T[] inputs, int batch, int firstStep, int steps)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (batch <= 0 || steps <= 0 || firstStep < 0)
            throw new ArgumentException($"EISpikingNetwork.Forward: invalid batch {batch}, firstStep {firstStep} or steps {steps}.");
        if ((long)(firstStep + steps) * batch * Inputs > inputs.Length)
            throw new ArgumentException($"EISpikingNetwork.Forward: inputs of length {inputs.Length} hold fewer than {firstStep + steps} steps of [{batch}, {Inputs}].");
        if (_stateBatch != batch) ResetState(batch);
        int n = Neurons, nout = Outputs, nin = Inputs, bn = batch * n;
        long need = (long)(steps + 1) * bn;
        if (need > int.MaxValue) throw new ArgumentException($"EISpikingNetwork.Forward: {steps} steps x {bn} neurons exceed one array; use truncated BPTT with shorter chunks.");
        if (_s.Length < need)
        {
            _s = new T[need]; _u = new T[need];
            if (_hard || _ext) _v = new T[need];
            if (_ext) AllocateExtendedTraces(need);
        }
        if (_y.Length < steps * batch * nout) _y = new T[steps * batch * nout];
        if (_spikeCounts.Length != n) _spikeCounts = new double[n];
        Array.Clear(_spikeCounts);
        _x = inputs; _xOffsetSteps = firstStep; _steps = steps; _batch = batch; _haveForward = true; _forwardCount++;

        UpdateEffectiveWeights();
        _stS.AsSpan(0, bn).CopyTo(_s.AsSpan(0, bn));
        if (_hard || _ext) _stV.AsSpan(0, bn).CopyTo(_v.AsSpan(0, bn));
        if (_ext)
        {
            ForwardExtended(inputs, batch, firstStep, steps);
            _s.AsSpan(steps * bn, bn).CopyTo(_stS);
            return;
        }

        T[] win = InputWeights.Value, wout = OutputWeights.Value, bias = OutputBias.Value;
        int[] active = _active;
        bool binary = _spike.IsBinary;
        T alpha = _alpha, beta = _beta, omb = _oneMinusBeta, rho = _rho, kappa = _kappa, theta = _theta, invTheta = _invTheta;
        T sAlpha = T.CreateTruncating(_spike.Alpha);
        for (int t = 0; t < steps; t++)
        {
            int prev = t * bn, cur = (t + 1) * bn;
            long xBase = (long)(firstStep + t) * batch * nin;
            for (int b = 0; b < batch; b++)
            {
                Span<T> I = _stI.AsSpan(b * n, n);
                Span<T> V = _stV.AsSpan(b * n, n);
                Span<T> A = _stA.AsSpan(b * n, n);
                ReadOnlySpan<T> sPrev = _s.AsSpan(prev + b * n, n);
                Span<T> sCur = _s.AsSpan(cur + b * n, n);
                Span<T> uCur = _u.AsSpan(cur + b * n, n);

                RecurrentKernels.AccumulateSynapticCurrent(I, alpha, inputs.AsSpan((int)(xBase + b * nin), nin), win, sPrev, _weff, active);

                int j0 = binary ? UpdateNeuronsVector(I, V, A, sPrev, sCur, uCur) : 0;
                for (int j = j0; j < n; j++)
                {
                    T sp = sPrev[j];
                    T a = rho * A[j] + sp;
                    A[j] = a;
                    T v = _hard ? beta * V[j] * (T.One - sp) + omb * I[j] : beta * V[j] + omb * I[j] - theta * sp;
                    V[j] = v;
                    T u = (v - theta - _delta[j] * a) * invTheta;
                    uCur[j] = u;
                    T s = SpikeFunction.Forward(u, binary, sAlpha);
                    sCur[j] = s;
                    if (!binary) _spikeCounts[j] += double.CreateTruncating(s);
                }
                if (_hard) V.CopyTo(_v.AsSpan(cur + b * n, n));

                ReadoutStep(t, b, batch, sCur, wout, bias, binary);
            }
        }
        _s.AsSpan(steps * bn, bn).CopyTo(_stS);
    }

    /// <summary>
    /// Reverse pass over the last <see cref="Forward"/>: given dL/dy [steps, batch, Outputs] and an optional
    /// constant dL/ds per neuron (regularizers), accumulates dL/dparameters into each parameter's Grad.
    /// The carried initial state is treated as a constant (truncation point of truncated BPTT).
    /// </summary>
    public void Backward(ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> gradSpikesPerNeuron = default)
    {
        if (!_haveForward) throw new InvalidOperationException("EISpikingNetwork.Backward: call Forward first (each Forward supports one Backward).");
        int n = Neurons, nout = Outputs, nin = Inputs, batch = _batch, steps = _steps, bn = batch * n;
        if (gradOutput.Length != steps * batch * nout)
            throw new ArgumentException($"EISpikingNetwork.Backward: gradOutput length {gradOutput.Length} != steps*batch*outputs = {steps * batch * nout}.");
        if (!gradSpikesPerNeuron.IsEmpty && gradSpikesPerNeuron.Length != n)
            throw new ArgumentException($"EISpikingNetwork.Backward: gradSpikesPerNeuron length {gradSpikesPerNeuron.Length} != neurons {n}.");
        _haveForward = false;
        if (_ext) { BackwardExtended(gradOutput, gradSpikesPerNeuron); return; }

        T[] gI = _gI, gV = _gV, gA = _gA, gY = _gY, gProd = _gProd;
        Array.Clear(gI, 0, bn); Array.Clear(gV, 0, bn); Array.Clear(gA, 0, bn); Array.Clear(gY, 0, batch * nout);
        Array.Clear(_dWeff);
        T[] gQ = _gQ, gZ = _gZ;
        Array.Clear(gQ, 0, bn); Array.Clear(gProd, 0, bn);
        if (_wT.Length != n * n) _wT = new T[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) _wT[j * n + i] = _weff[i * n + j];
        T[] wout = OutputWeights.Value, dWin = InputWeights.Grad, dWout = OutputWeights.Grad, dB = OutputBias.Grad;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < nout; k++) _woutT[k * n + i] = wout[i * nout + k];
        int[] active = _active;
        T alpha = _alpha, beta = _beta, omb = _oneMinusBeta, rho = _rho, kappa = _kappa, theta = _theta, invTheta = _invTheta;
        var spike = _spike;
        var kind = spike.Kind;
        T sAlpha = T.CreateTruncating(spike.Alpha);
        bool hasGs = !gradSpikesPerNeuron.IsEmpty;

        for (int t = steps - 1; t >= 0; t--)
        {
            int cur = (t + 1) * bn, prev = t * bn;
            // gProd holds P = Ibar_{t+1} W^T. It is not formed as a dense product: W^T commutes with the linear
            // filters of the adjoint, so with Q_t = vbar_t W^T and z_t = vbar_t - beta vbar_{t+1}
            //   Q_t = z_t W^T + beta Q_{t+1},   Ibar_t W^T = (1 - beta) Q_t + alpha Ibar_{t+1} W^T,
            // and z_t = ubar_t / theta (soft reset; minus beta s_t vbar_{t+1} for the hard reset) is zero wherever the
            // pseudo-derivative is zero and the neuron did not spike, so z_t W^T only adds the rows of its non-zeros.

            for (int b = 0; b < batch; b++)
            {
                Span<T> Y = gY.AsSpan(b * nout, nout);
                ReadOnlySpan<T> gyt = gradOutput.Slice((t * batch + b) * nout, nout);
                for (int k = 0; k < nout; k++) { Y[k] = gyt[k] + kappa * Y[k]; dB[k] += Y[k]; }

                ReadOnlySpan<T> sCur = _s.AsSpan(cur + b * n, n);
                ReadOnlySpan<T> uCur = _u.AsSpan(cur + b * n, n);
                ReadOnlySpan<T> vCur = _hard ? _v.AsSpan(cur + b * n, n) : default;
                Span<T> GI = gI.AsSpan(b * n, n), GV = gV.AsSpan(b * n, n), GA = gA.AsSpan(b * n, n);
                Span<T> GP = gProd.AsSpan(b * n, n);
                int j0 = kind == SpikeFunctionKind.Triangle ? AdjointNeuronsVector(Y, gradSpikesPerNeuron, GP, GA, GV, GI, uCur, sCur, vCur, sAlpha) : 0;
                for (int j = j0; j < n; j++)
                {
                    // Adjoint of s_t: readout, regularizer, and the three uses of s_t at step t+1 (I, a, reset).
                    T sb = GP[j] + GA[j];
                    for (int k = 0; k < nout; k++) sb += Y[k] * _woutT[k * n + j];
                    if (hasGs) sb += gradSpikesPerNeuron[j];
                    T vNext = GV[j];
                    sb -= _hard ? beta * vCur[j] * vNext : theta * vNext;
                    T ub = sb * spike.Derivative(uCur[j], sCur[j]);
                    T vb = ub * invTheta + (_hard ? beta * (T.One - sCur[j]) * vNext : beta * vNext);
                    GV[j] = vb;
                    GA[j] = rho * GA[j] - _delta[j] * invTheta * ub;
                    GI[j] = omb * vb + alpha * GI[j];
                    gZ[j] = _hard ? ub * invTheta - beta * sCur[j] * vNext : ub * invTheta;
                }
                if (t > 0)
                {
                    int nz = RecurrentKernels.Gather(gZ, active);
                    Span<T> GQ = gQ.AsSpan(b * n, n);
                    RecurrentKernels.DecayAddRows<T>(active, nz, gZ, _wT, GQ, beta, n);
                    TensorPrimitives.Multiply(GP, alpha, GP);
                    TensorPrimitives.MultiplyAdd(GQ, omb, GP, GP);
                }

                int na = RecurrentKernels.Gather(sCur, active);
                for (int q = 0; q < na; q++)
                {
                    int i = active[q];
                    T sv = sCur[i];
                    for (int k = 0; k < nout; k++) dWout[i * nout + k] += sv * Y[k];
                }
                ReadOnlySpan<T> sPrev = _s.AsSpan(prev + b * n, n);
                na = RecurrentKernels.Gather(sPrev, active);
                for (int q = 0; q < na; q++)
                {
                    int i = active[q];
                    Span<T> row = _dWeff.AsSpan(i * n, n);
                    T sv = sPrev[i];
                    if (sv == T.One) TensorPrimitives.Add(row, GI, row);
                    else TensorPrimitives.MultiplyAdd(GI, sv, row, row);
                }
                ReadOnlySpan<T> x = _x.AsSpan((int)(((long)(_xOffsetSteps + t) * batch + b) * nin), nin);
                for (int c = 0; c < nin; c++)
                {
                    T xv = x[c];
                    if (xv == T.Zero) continue;
                    Span<T> row = dWin.AsSpan(c * n, n);
                    if (xv == T.One) TensorPrimitives.Add(row, GI, row);
                    else TensorPrimitives.MultiplyAdd(GI, xv, row, row);
                }
            }
        }

        AccumulateRawWeightGradient();
    }

    /// <summary>dL/dW_raw += dL/dW_eff through W_eff = |W_raw| * sign(pre) * mask (d|w|/dw = sign(w); 0 at w = 0).</summary>
    private void AccumulateRawWeightGradient()
    {
        int n = Neurons;
        T[] wraw = RecurrentWeights.Value, dWraw = RecurrentWeights.Grad;
        bool dale = Options.DalesLaw;
        for (int i = 0; i < n; i++)
        {
            T sg = _sign[i];
            for (int j = 0; j < n; j++)
            {
                int k = i * n + j;
                T g = _dWeff[k] * _mask[k];
                if (dale) g *= sg * T.CreateTruncating(T.Sign(wraw[k]));
                dWraw[k] += g;
            }
        }
    }

    private void UpdateEffectiveWeights()
        => RecurrentKernels.EffectiveWeights<T>(RecurrentWeights.Value, _sign, _mask, Options.DalesLaw, _weff, Neurons);

    // Vector form of the forward per-neuron update for 0/1 spikes: the same operations in the same order as the
    // scalar loop, so the same bits. Returns the first neuron left for the scalar loop. (The spike counts are taken
    // from the event list afterwards.)
    private int UpdateNeuronsVector(Span<T> I, Span<T> V, Span<T> A, ReadOnlySpan<T> sPrev, Span<T> sCur, Span<T> uCur)
    {
        int n = I.Length, vl = Vector<T>.Count, j = 0;
        if (!Vector.IsHardwareAccelerated) return 0;
        Vector<T> rho = new(_rho), beta = new(_beta), omb = new(_oneMinusBeta), theta = new(_theta), invTheta = new(_invTheta);
        Vector<T> one = Vector<T>.One, zero = Vector<T>.Zero;
        bool hard = _hard;
        ReadOnlySpan<T> delta = _delta;
        for (; j + vl <= n; j += vl)
        {
            var sp = new Vector<T>(sPrev.Slice(j, vl));
            var a = rho * new Vector<T>(A.Slice(j, vl)) + sp;
            a.CopyTo(A.Slice(j, vl));
            var vOld = new Vector<T>(V.Slice(j, vl));
            var cur = omb * new Vector<T>(I.Slice(j, vl));
            var v = hard ? beta * vOld * (one - sp) + cur : beta * vOld + cur - theta * sp;
            v.CopyTo(V.Slice(j, vl));
            var u = (v - theta - new Vector<T>(delta.Slice(j, vl)) * a) * invTheta;
            u.CopyTo(uCur.Slice(j, vl));
            Vector.ConditionalSelect(Vector.GreaterThan(u, zero), one, zero).CopyTo(sCur.Slice(j, vl));
        }
        return j;
    }

    // Vector form of the reverse per-neuron recursion for the triangle pseudo-derivative (same operations in the same
    // order as the scalar loop). Returns the first neuron left for the scalar loop.
    private int AdjointNeuronsVector(ReadOnlySpan<T> Y, ReadOnlySpan<T> gs, ReadOnlySpan<T> GP, Span<T> GA, Span<T> GV, Span<T> GI,
        ReadOnlySpan<T> uCur, ReadOnlySpan<T> sCur, ReadOnlySpan<T> vCur, T gamma)
    {
        int n = GA.Length, nout = Y.Length, vl = Vector<T>.Count, j = 0;
        if (!Vector.IsHardwareAccelerated) return 0;
        Vector<T> rho = new(_rho), beta = new(_beta), omb = new(_oneMinusBeta), alpha = new(_alpha), theta = new(_theta);
        Vector<T> invTheta = new(_invTheta), g = new(gamma), one = Vector<T>.One, zero = Vector<T>.Zero;
        bool hard = _hard, hasGs = !gs.IsEmpty;
        ReadOnlySpan<T> delta = _delta, woutT = _woutT;
        for (; j + vl <= n; j += vl)
        {
            var sb = new Vector<T>(GP.Slice(j, vl)) + new Vector<T>(GA.Slice(j, vl));
            for (int k = 0; k < nout; k++) sb += new Vector<T>(Y[k]) * new Vector<T>(woutT.Slice(k * n + j, vl));
            if (hasGs) sb += new Vector<T>(gs.Slice(j, vl));
            var vNext = new Vector<T>(GV.Slice(j, vl));
            sb -= hard ? beta * new Vector<T>(vCur.Slice(j, vl)) * vNext : theta * vNext;
            var r = one - Vector.Abs(new Vector<T>(uCur.Slice(j, vl)));
            var ub = sb * Vector.ConditionalSelect(Vector.GreaterThan(r, zero), g * r, zero);
            var vb = ub * invTheta + (hard ? beta * (one - new Vector<T>(sCur.Slice(j, vl))) * vNext : beta * vNext);
            vb.CopyTo(GV.Slice(j, vl));
            (rho * new Vector<T>(GA.Slice(j, vl)) - new Vector<T>(delta.Slice(j, vl)) * invTheta * ub).CopyTo(GA.Slice(j, vl));
            (omb * vb + alpha * new Vector<T>(GI.Slice(j, vl))).CopyTo(GI.Slice(j, vl));
            var z = hard ? ub * invTheta - beta * new Vector<T>(sCur.Slice(j, vl)) * vNext : ub * invTheta;
            z.CopyTo(_gZ.AsSpan(j, vl));
        }
        return j;
    }

    /// <summary>
    /// The leaky readout of one step of one trial, shared by both forward passes: y = kappa y + b + s W_out over the
    /// active (nonzero) spikes; counts binary spikes; stores y for the loss and the reverse pass.
    /// </summary>
    private void ReadoutStep(int t, int b, int batch, ReadOnlySpan<T> sCur, T[] wout, T[] bias, bool binary)
    {
        int nout = Outputs;
        T kappa = _kappa;
        int[] active = _active;
        Span<T> Y = _stY.AsSpan(b * nout, nout);
        for (int k = 0; k < nout; k++) Y[k] = kappa * Y[k] + bias[k];
        int na = RecurrentKernels.Gather(sCur, active);
        for (int q = 0; q < na; q++)
        {
            int i = active[q];
            T sv = sCur[i];
            if (binary) _spikeCounts[i] += 1;
            for (int k = 0; k < nout; k++) Y[k] += sv * wout[i * nout + k];
        }
        Y.CopyTo(_y.AsSpan((t * batch + b) * nout, nout));
    }
}
