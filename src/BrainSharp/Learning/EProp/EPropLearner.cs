using System.Numerics;
using System.Numerics.Tensors;
using BrainSharp.Learning.Layers;
using BrainSharp.Learning.Losses;
using BrainSharp.Learning.Tasks;
using BrainSharp.Random;

namespace BrainSharp.Learning.EProp;

/// <summary>
/// e-prop (Bellec et al. 2020, Nat. Commun. 11:3625) for <see cref="EISpikingNetwork{T}"/>: runs trials forward in
/// time and computes the gradient estimate dE/dW_pj = sum_t L_j,t * F_kappa(e_pj)_t from eligibility traces that
/// are updated at every step, so the working memory does not depend on the trial length (no stored history).
/// Network equations (see <see cref="EISpikingNetwork{T}"/>):
/// <code>
///   I_t = alpha I_{t-1} + x_t W_in + s_{t-1} W,   a_t = rho a_{t-1} + s_{t-1}
///   v_t = beta v_{t-1} + (1-beta) I_t - theta s_{t-1}        (soft reset)
///   v_t = beta (1 - s_{t-1}) v_{t-1} + (1-beta) I_t          (hard reset)
///   u_t = (v_t - theta - delta a_t)/theta,   s_t = H(u_t),   y_t = kappa y_{t-1} + s_t W_out + b
/// </code>
/// Eligibility vectors of synapse p -> j (p an input channel with presynaptic signal x_p,t, or a recurrent
/// neuron with signal s_p,t-1), with the reset's derivative ignored as in the paper:
/// <code>
///   eI_p,t = alpha eI_p,t-1 + pre_p,t                 (presynaptic only: shared by all j)
///   ev_p,t = beta ev_p,t-1 + (1-beta) eI_p,t         (presynaptic only)
///   ea_jp,t = rho ea_jp,t-1 + e_jp,t-1               (ALIF: adaptation eligibility vector, per synapse)
///   e_jp,t = psi_j,t / theta * (ev_p,t - delta_j ea_jp,t)   (eligibility trace; psi the pseudo-derivative)
///   ebar_jp,t = kappa ebar_jp,t-1 + e_jp,t          (filtered with the readout time constant)
/// </code>
/// Hard reset: the reset's derivative through s is detached in the same way ("detached reset", Zenke &amp; Vogels 2021),
/// but the reset still multiplies the membrane memory, dv_t/dv_{t-1} = beta (1 - s_{t-1}), which belongs to the neuron's
/// own state Jacobian that e-prop keeps (our derivation; Bellec et al. write out the soft reset only), so the membrane
/// eligibility vector becomes per synapse:
/// <code>
///   ev_jp,t = beta (1 - s_j,t-1) ev_jp,t-1 + (1-beta) eI_p,t   (= ev_p,t - beta^(t - t_s) ev_p,t_s, t_s the last spike of j)
/// </code>
/// which <see cref="EligibilityTraces{T}"/> keeps as a per-row correction touched only at j's spikes. With W = 0 this
/// gradient equals BPTT with the hard reset's s-derivative detached (tested).
/// Learning signal L_j,t = sum_k B_jk dE/dy_k,t with B = W_out (symmetric e-prop) or a fixed random matrix.
/// For the window cross-entropy dE/dy_t = g_k (constant over the response window W, known at its end), so
/// dE/dW_pj = L_j * sum_{t in W} ebar_jp,t: the window sum is accumulated online and multiplied by L at the end.
/// The rate regularizer's dR/ds_j is constant in time: its part is dR/ds_j * sum_t e_jp,t (unfiltered, a direct
/// dependence). Readout weights and bias get their exact gradient from kappa-filtered spikes.
/// Trials are processed one after the other (they are independent), so the traces are [Neurons, Inputs+Neurons]
/// for one trial plus one shared gradient accumulator: memory O(N (N + N_in)), independent of steps and batch.
/// Rows are updated lazily: a row whose pseudo-derivative is zero (a silent neuron far from threshold) only
/// decays, which is applied in closed form (kappa^m, rho^m, geometric window sums) when the row is next touched.
/// Soft or hard reset. Not thread-safe. Nothing is allocated per step.
/// </summary>
public sealed class EPropLearner<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The network whose parameters are used and whose Grad arrays receive the gradients.</summary>
    public EISpikingNetwork<T> Network { get; }
    /// <summary>e-prop settings.</summary>
    public EPropOptions Options { get; }
    /// <summary>The feedback matrix B [Neurons, Outputs] when <see cref="EPropOptions.RandomFeedback"/> is set; empty otherwise (W_out is used).</summary>
    public ReadOnlySpan<T> Feedback => _feedback;

    private readonly int _n, _nin, _p, _k;
    private readonly T _alpha, _beta, _omb, _rho, _kappa, _theta, _invTheta;
    private readonly double _kappaD;
    private readonly SpikeFunction _spike;
    private readonly bool _hard;
    private readonly T[] _delta;
    private readonly T[] _feedback;
    private readonly EligibilityTraces<T> _traces;

    // Per-trial neuron state.
    private readonly T[] _I, _V, _A, _S, _Sprev, _Y, _psi, _ysum, _logit, _gy, _learn;
    // Readout traces (exact gradient of W_out): kappa-filtered spikes and their window sum.
    private readonly T[] _zbar, _zsum;
    private readonly int[] _active;
    // Shared over the batch: effective weights, dR/ds, spike counts.
    private readonly T[] _weff, _gs;
    private readonly double[] _counts;

    /// <summary>Creates the learner and its fixed-size working buffers.</summary>
    public EPropLearner(EISpikingNetwork<T> network, EPropOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var o = network.Options;
        if (o.Reset is not (ResetMode.Soft or ResetMode.Hard))
            throw new ArgumentException($"EPropLearner: unsupported reset mode {o.Reset}; e-prop handles Soft and Hard.", nameof(network));
        // The eligibility traces below are derived for LIF/ALIF cells with current synapses and fixed time constants; the
        // GIF current, conductance synapses and trained taus have other Jacobians, and a silent mismatch would be a wrong gradient.
        if (o.UsesExtendedDynamics)
            throw new ArgumentException($"EPropLearner: e-prop supports LIF/ALIF neurons with current synapses and fixed time constants; " +
                $"this network has Adaptation {o.Adaptation}, Synapse {o.Synapse}, TrainTimeConstants {o.TrainTimeConstants} (train it with BPTT).", nameof(network));
        _hard = o.Reset == ResetMode.Hard;
        Network = network; Options = options ?? new EPropOptions();
        _n = network.Neurons; _nin = network.Inputs; _p = _nin + _n; _k = network.Outputs;
        double dt = o.Dt;
        _alpha = T.CreateTruncating(Math.Exp(-dt / o.TauSynMs));
        _beta = T.CreateTruncating(Math.Exp(-dt / o.TauMemMs));
        _omb = T.One - _beta;
        double rhoD = Math.Exp(-dt / o.TauAdaptMs);
        _rho = T.CreateTruncating(rhoD);
        _kappaD = Math.Exp(-dt / o.TauOutMs);
        _kappa = T.CreateTruncating(_kappaD);
        _theta = T.CreateTruncating(o.ThresholdMv);
        _invTheta = T.One / _theta;
        _spike = o.Spike;
        _delta = network.Adaptation.ToArray();
        _traces = new EligibilityTraces<T>(_nin, _n, _delta, Math.Exp(-dt / o.TauSynMs), Math.Exp(-dt / o.TauMemMs), rhoD, _kappaD, _hard);

        if (Options.RandomFeedback)
        {
            _feedback = new T[_n * _k];
            var rng = new RandomStream(Options.FeedbackSeed, Philox.StreamId(0xE960, 2));
            double sc = 1.0 / Math.Sqrt(_n);
            for (int i = 0; i < _feedback.Length; i++) _feedback[i] = T.CreateTruncating(sc * rng.NextNormal());
        }
        else _feedback = [];

        int n = _n, k = _k;
        _I = new T[n]; _V = new T[n]; _A = new T[n]; _S = new T[n]; _Sprev = new T[n]; _psi = new T[n]; _learn = new T[n];
        _Y = new T[k]; _ysum = new T[k]; _logit = new T[k]; _gy = new T[k];
        _zbar = new T[n]; _zsum = new T[n];
        _active = new int[Math.Max(n, _nin)];
        _weff = new T[n * n]; _gs = new T[n];
        _counts = new double[n];
    }

    /// <summary>Number of array elements this learner holds (all working buffers); fixed at construction, independent of trial length and batch size.</summary>
    public long WorkingSetElements =>
        (long)_I.Length + _V.Length + _A.Length + _S.Length + _Sprev.Length + _Y.Length + _psi.Length + _ysum.Length + _logit.Length + _gy.Length
        + _learn.Length + _zbar.Length + _zsum.Length + _active.Length + _weff.Length + _gs.Length + _counts.Length + _feedback.Length + _traces.Elements;

    /// <summary>Window-mean readout (logits) of the last trial run, [Outputs].</summary>
    public ReadOnlySpan<T> LastLogits => _logit;
    /// <summary>Spike count per neuron summed over trials and steps of the last <see cref="Run"/>.</summary>
    public ReadOnlySpan<double> SpikeCounts => _counts;

    /// <summary>
    /// Runs every trial of <paramref name="batch"/> from the zero state. With <paramref name="computeGradients"/>, adds
    /// the e-prop gradient of (mean window cross-entropy + rate regularizer) to the network's Grad arrays (not zeroed
    /// here). <paramref name="rateLambda"/>, <paramref name="targetRateHz"/> (Hz) and <paramref name="countLambda"/> are
    /// those of <see cref="RateRegularizer"/>. <paramref name="logitsOut"/>, if given, receives the window-mean readout [batch, Outputs].
    /// </summary>
    public BatchOutcome Run(TaskBatch<T> batch, bool computeGradients, double rateLambda = 0, double targetRateHz = 0,
        double countLambda = 0, Span<T> logitsOut = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.InputSize != _nin)
            throw new ArgumentException($"EPropLearner: batch has {batch.InputSize} inputs, the network {_nin}.", nameof(batch));
        if (batch.Classes != _k)
            throw new ArgumentException($"EPropLearner: batch has {batch.Classes} classes, the network {_k} outputs.", nameof(batch));
        if (!logitsOut.IsEmpty && logitsOut.Length != batch.BatchSize * _k)
            throw new ArgumentException($"EPropLearner: logitsOut length {logitsOut.Length} != batch*outputs = {batch.BatchSize * _k}.", nameof(logitsOut));
        if (!(rateLambda >= 0) || !(countLambda >= 0) || !(targetRateHz >= 0))
            throw new ArgumentOutOfRangeException(nameof(rateLambda), $"EPropLearner: regularizer settings must be non-negative (rateLambda {rateLambda}, targetRateHz {targetRateHz}, countLambda {countLambda}).");
        UpdateEffectiveWeights();
        Array.Clear(_counts);
        if (computeGradients) _traces.BeginBatch();
        bool reg = computeGradients && (rateLambda > 0 || countLambda > 0);
        double loss = 0;
        int correct = 0;
        int bs = batch.BatchSize;
        for (int b = 0; b < bs; b++)
        {
            var (l, c) = RunTrial(batch, b, computeGradients, reg);
            loss += l; correct += c;
            if (!logitsOut.IsEmpty) _logit.CopyTo(logitsOut.Slice(b * _k, _k));
        }
        loss /= bs;
        double spikes = 0;
        foreach (var c in _counts) spikes += c;
        if (rateLambda > 0 || countLambda > 0)
            loss += RateRegularizer.Compute<T>(_counts, batch.Steps, bs, Network.Options.Dt, rateLambda, targetRateHz, countLambda, _gs);
        if (computeGradients)
        {
            if (reg) _traces.AddRegularizer(_gs);
            ScatterGradients();
        }
        double rate = spikes / (_n * (double)bs * batch.Steps * Network.Options.Dt * 1e-3);
        return new BatchOutcome(loss, correct, rate);
    }

    private (double Loss, int Correct) RunTrial(TaskBatch<T> batch, int b, bool grad, bool reg)
    {
        int n = _n, nin = _nin, k = _k, bs = batch.BatchSize, steps = batch.Steps;
        int ws = batch.ResponseStart, we = batch.ResponseEnd;
        T[] win = Network.InputWeights.Value, wout = Network.OutputWeights.Value, bias = Network.OutputBias.Value, x = batch.Inputs;
        Array.Clear(_I); Array.Clear(_V); Array.Clear(_A); Array.Clear(_S); Array.Clear(_Sprev); Array.Clear(_Y); Array.Clear(_ysum);
        if (grad)
        {
            Array.Clear(_zbar); Array.Clear(_zsum);
            _traces.BeginTrial();
        }
        double bbar = 0, bsum = 0;
        bool binary = _spike.IsBinary;
        T alpha = _alpha, beta = _beta, omb = _omb, rho = _rho, kappa = _kappa, theta = _theta, invTheta = _invTheta;
        T sAlpha = T.CreateTruncating(_spike.Alpha);
        int[] active = _active;
        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<T> xt = x.AsSpan((int)(((long)t * bs + b) * nin), nin);
            // Forward step: the same operations in the same order as EISpikingNetwork.Forward.
            Span<T> I = _I, V = _V, A = _A;
            ReadOnlySpan<T> sPrev = _Sprev;
            RecurrentKernels.AccumulateSynapticCurrent(I, alpha, xt, win, sPrev, _weff, active);
            for (int j = 0; j < n; j++)
            {
                T sp = sPrev[j];
                T a = rho * A[j] + sp;
                A[j] = a;
                T v = _hard ? beta * V[j] * (T.One - sp) + omb * I[j] : beta * V[j] + omb * I[j] - theta * sp;
                V[j] = v;
                T u = (v - theta - _delta[j] * a) * invTheta;
                T s = SpikeFunction.Forward(u, binary, sAlpha);
                _S[j] = s;
                _counts[j] += double.CreateTruncating(s);
                if (grad) _psi[j] = _spike.Derivative(u, s);
            }
            Span<T> Y = _Y;
            for (int q = 0; q < k; q++) Y[q] = kappa * Y[q] + bias[q];
            int na = RecurrentKernels.Gather(_S, active);
            for (int q = 0; q < na; q++)
            {
                int i = active[q];
                T sv = _S[i];
                for (int c = 0; c < k; c++) Y[c] += sv * wout[i * k + c];
            }
            bool inWin = t >= ws && t < we;
            if (inWin) TensorPrimitives.Add(_ysum, Y, _ysum);

            if (grad)
            {
                _traces.StepPresynaptic(xt, sPrev);
                // Readout traces (exact): kappa-filtered spikes and the filtered constant for the bias.
                TensorPrimitives.MultiplyAdd(_zbar, kappa, _S, _zbar);
                bbar = _kappaD * bbar + 1;
                if (inWin) { TensorPrimitives.Add(_zsum, _zbar, _zsum); bsum += bbar; }
                for (int j = 0; j < n; j++)
                {
                    T psi = _psi[j];
                    if (psi == T.Zero) continue;
                    _traces.UpdateRow(j, t, psi * invTheta, ws, we, reg);
                }
                // Hard reset: the neurons that fired at t restart their membrane eligibility at t+1 (active = nonzero s_t).
                if (_hard)
                    for (int q = 0; q < na; q++) _traces.ApplyReset(active[q], t, _S[active[q]]);
            }
            _S.CopyTo(_Sprev, 0);
        }

        // Window-mean logits and the cross-entropy of this trial; g = dE/dy_t for t in the window.
        T invW = T.One / T.CreateTruncating(we - ws);
        TensorPrimitives.Multiply(_ysum, invW, _logit);
        var (loss, correct) = WindowCrossEntropy.Compute<T>(_logit, 1, 1, k, batch.Labels.AsSpan(b, 1), 0, 1, _gy);
        if (grad)
        {
            T scale = invW / T.CreateTruncating(bs);
            TensorPrimitives.Multiply(_gy, scale, _gy);
            T[] dWout = Network.OutputWeights.Grad, dB = Network.OutputBias.Grad;
            T bsumT = T.CreateTruncating(bsum);
            for (int c = 0; c < k; c++) dB[c] += _gy[c] * bsumT;
            T[] fb = _feedback.Length > 0 ? _feedback : wout;
            for (int j = 0; j < n; j++)
            {
                T lj = T.Zero;
                for (int c = 0; c < k; c++)
                {
                    dWout[j * k + c] += _zsum[j] * _gy[c];
                    lj += fb[j * k + c] * _gy[c];
                }
                _learn[j] = lj;
            }
            _traces.EndTrial(_learn, steps, ws, we);
        }
        return (loss, correct);
    }

    // Adds the accumulated [post, pre] gradient (plus the regularizer part) to dW_in and dW_raw (Dale's law chain rule).
    private void ScatterGradients()
    {
        int n = _n, nin = _nin, p = _p;
        ReadOnlySpan<T> grad = _traces.Gradient;
        T[] dWin = Network.InputWeights.Grad, dWraw = Network.RecurrentWeights.Grad, wraw = Network.RecurrentWeights.Value;
        ReadOnlySpan<T> mask = Network.Mask, sign = Network.Sign;
        bool dale = Network.Options.DalesLaw;
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<T> g = grad.Slice(j * p, p);
            for (int c = 0; c < nin; c++) dWin[c * n + j] += g[c];
            for (int i = 0; i < n; i++)
            {
                int idx = i * n + j;
                T d = g[nin + i] * mask[idx];
                if (dale) d *= sign[i] * T.CreateTruncating(T.Sign(wraw[idx]));
                dWraw[idx] += d;
            }
        }
    }

    // The same effective weights as the network's (one shared definition), without allocating.
    private void UpdateEffectiveWeights()
        => RecurrentKernels.EffectiveWeights<T>(Network.RecurrentWeights.Value, Network.Sign, Network.Mask, Network.Options.DalesLaw, _weff, _n);
}
