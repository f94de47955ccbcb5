using BrainSharp.Dynamics;

namespace BrainSharp.Tests.Neurons;

internal static class NeuronTestUtil
{
    /// <summary>Drives <paramref name="g"/> (neuron 0 of batch 0 unless several) with a current (pA) from a function of time and
    /// returns the spike times (ms) of neuron <paramref name="index"/> and optionally its voltage trace.</summary>
    public static List<double> Run(NeuronGroup g, double dt, double tEnd, Func<double, double> current, int index = 0, List<float>? trace = null)
    {
        var clock = new Clock(dt);
        var spikes = new List<double>();
        long steps = (long)Math.Round(tEnd / dt);
        for (long s = 0; s < steps; s++)
        {
            clock.Step = s;
            double i = current(clock.T);
            for (int k = 0; k < g.InputCurrent.Length; k++) g.InputCurrent[k] = (float)i;
            g.Update(clock);
            foreach (int k in g.Spikes.Current) if (k == index) spikes.Add(clock.T);
            trace?.Add(g.V[index]);
        }
        return spikes;
    }

    public static List<double> Isis(List<double> spikes)
    {
        var r = new List<double>();
        for (int i = 1; i < spikes.Count; i++) r.Add(spikes[i] - spikes[i - 1]);
        return r;
    }
}
