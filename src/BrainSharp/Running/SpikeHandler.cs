namespace BrainSharp.Running;

/// <summary>Receives the spikes of one step: <paramref name="step"/> index, <paramref name="timeMs"/> (ms) and the neuron indices (valid only during the call).</summary>
public delegate void SpikeHandler(long step, double timeMs, ReadOnlySpan<int> indices);
