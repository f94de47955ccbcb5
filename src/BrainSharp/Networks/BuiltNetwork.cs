using BrainSharp.Dynamics;
using BrainSharp.Projections;
using BrainSharp.Running;

namespace BrainSharp.Networks;

/// <summary>What <see cref="ReferenceNetwork.Build"/> returns: the network, its populations and one spike monitor per population (same order).</summary>
public sealed class BuiltNetwork
{
    /// <summary>Bundles the parts.</summary>
    public BuiltNetwork(Network network, IReadOnlyList<NeuronGroup> populations, IReadOnlyList<SpikeMonitor> spikeMonitors, IReadOnlyList<Projection> projections)
    {
        if (populations.Count != spikeMonitors.Count)
            throw new ArgumentException($"BuiltNetwork: {populations.Count} populations but {spikeMonitors.Count} spike monitors.");
        Network = network; Populations = populations; SpikeMonitors = spikeMonitors; Projections = projections;
    }

    /// <summary>The network, ready for a <see cref="Simulator"/>.</summary>
    public Network Network { get; }

    /// <summary>The neuron populations (e.g. "E", "I").</summary>
    public IReadOnlyList<NeuronGroup> Populations { get; }

    /// <summary>One spike monitor per population, same order.</summary>
    public IReadOnlyList<SpikeMonitor> SpikeMonitors { get; }

    /// <summary>The projections.</summary>
    public IReadOnlyList<Projection> Projections { get; }

    /// <summary>The spike monitor of the population named <paramref name="population"/>.</summary>
    public SpikeMonitor Monitor(string population)
    {
        for (int k = 0; k < Populations.Count; k++) if (Populations[k].Name == population) return SpikeMonitors[k];
        throw new KeyNotFoundException($"BuiltNetwork: no population '{population}' (has: {string.Join(", ", Populations.Select(p => p.Name))}).");
    }

    /// <summary>Mean rate over all neurons and the recorded time, Hz.</summary>
    public double MeanRateHz
    {
        get
        {
            long spikes = 0, neurons = 0; double ms = 0;
            foreach (var m in SpikeMonitors) { spikes += m.TotalSpikes; neurons += m.Group.Size; ms = m.StepsRecorded * m.Dt; }
            return neurons == 0 || ms == 0 ? 0 : spikes / (double)neurons / (ms / 1000.0);
        }
    }
}
