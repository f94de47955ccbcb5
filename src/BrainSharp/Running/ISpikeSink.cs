namespace BrainSharp.Running;

/// <summary>
/// Where a streaming <see cref="SpikeMonitor"/> sends its spikes in chunks (e.g. a file; implementations live outside the
/// core, such as BrainSharp.IO's NpzSpikeSink). Calls arrive in order: <see cref="Open"/> once when the network is built,
/// <see cref="Write"/> per full buffer, <see cref="Complete"/> once at the end; disposing without completing discards the output.
/// </summary>
public interface ISpikeSink : IDisposable
{
    /// <summary>Starts the stream for group <paramref name="group"/> of <paramref name="size"/> neurons (batch x size) and time step <paramref name="dtMs"/> ms.</summary>
    void Open(string group, int size, double dtMs);

    /// <summary>Appends a chunk of spikes: neuron indices and their step indices (time = step x dt), in recording order. The spans are valid only during the call.</summary>
    void Write(ReadOnlySpan<int> indices, ReadOnlySpan<long> steps);

    /// <summary>Finalises the output (for a file: moves it into place).</summary>
    void Complete();
}
