using BrainSharp.Dynamics;

namespace BrainSharp.Synapses;

/// <summary>
/// Conductance output with the voltage-dependent magnesium block of NMDA receptors (Jahr &amp; Stevens 1990, J Neurosci 10:3178):
///   I = g B(v) (E - v),   B(v) = 1 / (1 + [Mg2+]/3.57 mM * exp(-0.062 v / mV)).
/// Defaults: E = 0 mV, [Mg2+] = 1 mM. B is evaluated with v at the start of the step; the driving force stays implicit
/// (g B(v) is added to InputConductance and g B(v) E to InputCurrent), so the membrane equation stays linear in v within a step.
/// </summary>
public sealed class MagnesiumBlockOutput : SynapticOutput
{
    private readonly float _e, _mgOver357;

    /// <summary>Creates the output: <paramref name="reversal"/> in mV, <paramref name="magnesium"/> concentration in mM (>= 0).</summary>
    public MagnesiumBlockOutput(double reversal = 0.0, double magnesium = 1.0)
    {
        SynapseParameters.RequireFinite(nameof(MagnesiumBlockOutput), nameof(reversal), reversal);
        SynapseParameters.RequireNonNegative(nameof(MagnesiumBlockOutput), nameof(magnesium), magnesium);
        Reversal = reversal; Magnesium = magnesium;
        _e = (float)reversal; _mgOver357 = (float)(magnesium / 3.57);
    }

    /// <summary>Reversal potential, mV.</summary>
    public double Reversal { get; }
    /// <summary>Extracellular magnesium concentration, mM.</summary>
    public double Magnesium { get; }

    /// <summary>Unblocked fraction B(v) at membrane potential <paramref name="v"/> (mV).</summary>
    public double Block(double v) => 1.0 / (1.0 + Magnesium / 3.57 * Math.Exp(-0.062 * v));

    /// <inheritdoc />
    public override void Apply(ReadOnlySpan<float> value, NeuronGroup post)
    {
        var v = post.V;
        if (value.Length != v.Length)
            throw new ArgumentException($"MagnesiumBlockOutput: value has length {value.Length}, post group '{post.Name}' has {v.Length} (batch x size).");
        var iIn = post.InputCurrent; var gIn = post.InputConductance;
        for (int i = 0; i < v.Length; i++)
        {
            float g = value[i] / (1f + _mgOver357 * MathF.Exp(-0.062f * v[i]));
            iIn[i] += g * _e;
            gIn[i] += g;
        }
    }
}
