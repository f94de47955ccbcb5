namespace BrainSharp.Dynamics;

/// <summary>
/// A named state array of a system, laid out [batch, size] row-major. Monitors and snapshots
/// reach every state through these, so a model only has to list its variables once.
/// </summary>
public sealed class StateVariable
{
    public StateVariable(string name, string unit, float[] values)
    {
        Name = name; Unit = unit; Values = values;
    }

    /// <summary>Variable name as used in equations and by monitors (e.g. "v", "g_e").</summary>
    public string Name { get; }

    /// <summary>Unit string, e.g. "mV", "nS", "1".</summary>
    public string Unit { get; }

    /// <summary>The values, [batch * size]; updated in place.</summary>
    public float[] Values { get; }
}
