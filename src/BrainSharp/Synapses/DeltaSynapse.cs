using System.Numerics.Tensors;
using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// Instantaneous (delta) synapse: a spike of weight w delivers its whole effect in the step it arrives.
///   Value = (summed weights arriving this step) / dt
/// so that, with a current output, a weight w (pA ms = fC) injects exactly the charge w within one step, i.e. a
/// voltage jump w / C_m on a perfect integrator (Brian2's "on_pre: v += w" up to C_m). Set
/// <see cref="ScaleByDt"/> = false to pass the summed weights through unchanged (weight = current for one step, pA).
/// State per post neuron: none beyond the value of this step.
/// </summary>
public sealed class DeltaSynapse : SynapseDynamics
{
    private readonly float[] _value;

    /// <summary>Creates the synapse for <paramref name="nPost"/> post neurons.</summary>
    public DeltaSynapse(int nPost, int batch = 1, bool scaleByDt = true) : base(nameof(DeltaSynapse), nPost, batch)
    {
        _value = new float[nPost * batch];
        ScaleByDt = scaleByDt;
        States = [new StateVariable("I", "pA", _value)];
    }

    /// <summary>Whether the summed weight is divided by dt (true: weight = charge, pA ms; false: weight = current, pA).</summary>
    public bool ScaleByDt { get; }

    /// <inheritdoc />
    public override float[] Value => _value;

    /// <inheritdoc />
    public override IReadOnlyList<StateVariable> States { get; }

    /// <inheritdoc />
    public override void Reset(ulong seed) { Array.Clear(_value); Array.Clear(Arrivals); }

    /// <inheritdoc />
    public override bool CanUpdateRange => true;

    /// <inheritdoc />
    public override void Update(Clock clock) => UpdateRange(clock, 0, Size * Batch);

    /// <inheritdoc />
    public override void UpdateRange(Clock clock, int start, int end)
    {
        int n = end - start;
        if (n <= 0) return;
        float scale = ScaleByDt ? (float)(1.0 / clock.Dt) : 1f;
        var a = Arrivals.AsSpan(start, n);
        TensorPrimitives.Multiply(a, scale, _value.AsSpan(start, n));
        a.Clear();
    }
}
