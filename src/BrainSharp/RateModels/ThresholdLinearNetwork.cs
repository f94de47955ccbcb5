// Threshold-linear (rectified linear) recurrent rate network.
//
//   tau dr_i/dt = -r_i + min(r_max, [sum_j W_ij r_j + b + Input_i - theta]_+)
//
// Parameters (ThresholdLinearParams): tau 10 ms, theta 0 Hz, r_max +inf, bias 0 Hz; the weight matrix W (Size x Size,
// row-major, dimensionless, shared by the batch) is given at construction. Rates in Hz.
// Integration: exponential Euler, r <- r e^(-dt/tau) + (1 - e^(-dt/tau)) f(h) with h from the rates at the step start:
// exact for the leak (no stability limit on dt/tau) and first order in the recurrent coupling.
// When every unit is active and unsaturated the fixed point is r* = (1 - W)^-1 (b + I - theta).
//
// Sources: Hahnloser R.H.R., Seung H.S. & Slotine J.-J. (2003) Permitted and forbidden sets in symmetric
// threshold-linear networks. Neural Comput 15:621-638; Dayan P. & Abbott L.F. (2001) Theoretical Neuroscience, ch. 7.
using BrainSharp.Dynamics;

namespace BrainSharp.RateModels;

/// <summary>Threshold-linear recurrent rate network; see the file header.</summary>
public sealed class ThresholdLinearNetwork : RateGroup
{
    private const string Model = nameof(ThresholdLinearNetwork);
    private readonly StateVariable[] _states;
    private readonly float[] _w;
    private readonly float[] _h;

    /// <summary>Creates a network of <paramref name="size"/> units with recurrent weights <paramref name="weights"/> ([size, size], row i = inputs to unit i).</summary>
    public ThresholdLinearNetwork(int size, float[] weights, ThresholdLinearParams? parameters = null, int batch = 1) : base(Model, size, batch)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != size * size)
            throw new ArgumentException($"{Model}: weights must hold size*size = {size * size} values, got {weights.Length}.", nameof(weights));
        for (int i = 0; i < weights.Length; i++)
            if (!float.IsFinite(weights[i])) throw new ArgumentException($"{Model}: weights[{i}] is {weights[i]}; weights must be finite.", nameof(weights));
        Parameters = parameters ?? new ThresholdLinearParams();
        Parameters.Validate(Model);
        _w = (float[])weights.Clone();
        _h = new float[size];
        _states = [new StateVariable("r", "Hz", Rate)];
        Reset(0);
    }

    /// <summary>The parameters.</summary>
    public ThresholdLinearParams Parameters { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariable> States => _states;

    /// <summary>r = 0; deterministic.</summary>
    public override void Reset(ulong seed) { Array.Clear(Rate); Array.Clear(Input); }

    /// <inheritdoc/>
    public override void Update(Clock clock)
    {
        var p = Parameters;
        int n = Size;
        double decay = Math.Exp(-clock.Dt / p.Tau);
        float keep = (float)decay, gain = (float)(1 - decay);
        float offset = (float)(p.Bias - p.Threshold), rMax = (float)Math.Min(p.MaxRate, float.MaxValue);
        for (int b = 0; b < Batch; b++)
        {
            var r = Rate.AsSpan(b * n, n);
            var input = Input.AsSpan(b * n, n);
            for (int i = 0; i < n; i++)
            {
                float h = System.Numerics.Tensors.TensorPrimitives.Dot(new ReadOnlySpan<float>(_w, i * n, n), r) + offset + input[i];
                _h[i] = Math.Min(rMax, Math.Max(0f, h));
            }
            for (int i = 0; i < n; i++) r[i] = keep * r[i] + gain * _h[i];
            input.Clear();
        }
    }
}
