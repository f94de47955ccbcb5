using BrainSharp.Dynamics;

namespace BrainSharp.Tests.Synapses;

/// <summary>
/// Test double: passive membranes C dv/dt = gL (EL - v) + InputCurrent - InputConductance v, integrated exactly for inputs
/// held constant over the step. Records the last step's input current so input generators can be checked.
/// </summary>
internal sealed class PassiveGroup : NeuronGroup
{
    public PassiveGroup(int n, double c = 200, double gL = 10, double eL = -70, int batch = 1) : base("passive", n, batch)
    {
        C = c; GL = gL; EL = eL; LastCurrent = new float[n * batch];
        Array.Fill(V, (float)eL);
    }

    public double C { get; }
    public double GL { get; }
    public double EL { get; }
    public float[] LastCurrent { get; }
    /// <summary>Input current of neuron 0 in every step so far.</summary>
    public List<float> Trace0 { get; } = new();

    public override IReadOnlyList<StateVariable> States => [new StateVariable("v", "mV", V)];

    public override void Reset(ulong seed) => Array.Fill(V, (float)EL);

    public override void Update(Clock clock)
    {
        for (int i = 0; i < V.Length; i++)
        {
            double g = GL + InputConductance[i];
            double vInf = (GL * EL + InputCurrent[i]) / g;
            V[i] = (float)(vInf + (V[i] - vInf) * Math.Exp(-clock.Dt * g / C));
            LastCurrent[i] = InputCurrent[i];
            InputCurrent[i] = 0; InputConductance[i] = 0;
        }
        Trace0.Add(LastCurrent.Length > 0 ? LastCurrent[0] : 0);
    }
}
