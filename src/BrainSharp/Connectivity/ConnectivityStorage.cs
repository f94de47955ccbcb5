namespace BrainSharp.Connectivity;

/// <summary>How a projection keeps its connections.</summary>
public enum ConnectivityStorage
{
    /// <summary>Compressed sparse rows (row = pre): O(synapses) memory, event-driven push costs O(out-degree) per spike.</summary>
    Csr,

    /// <summary>A dense nPre x nPost weight matrix (absent connections are 0): for small, densely connected populations.</summary>
    Dense,

    /// <summary>Nothing stored: each spiking row (targets, weights, delays) is regenerated from (seed, pre); needs an <see cref="IProceduralConnector"/>.</summary>
    Procedural,
}
