using BrainSharp.Dynamics;

namespace BrainSharp.Running;

/// <summary>
/// Where a streaming <see cref="StateMonitor"/> sends its samples in chunks (e.g. a file; implementations live outside the
/// core, such as BrainSharp.IO's NpzStateSink). <see cref="Open"/> once when the network is built, <see cref="Write"/> per
/// full buffer, <see cref="Complete"/> once at the end; disposing without completing discards the output.
/// </summary>
public interface IStateSink : IDisposable
{
    /// <summary>Starts the stream for <paramref name="variable"/> of <paramref name="owner"/>, recorded units <paramref name="indices"/>, every <paramref name="stride"/> steps of <paramref name="dtMs"/> ms.</summary>
    void Open(string owner, StateVariable variable, ReadOnlySpan<int> indices, int stride, double dtMs);

    /// <summary>Appends samples: their step indices (a sample of step n holds the values at (n + 1) dt) and the values, row-wise [sample, unit]. Valid only during the call.</summary>
    void Write(ReadOnlySpan<long> sampleSteps, ReadOnlySpan<float> values);

    /// <summary>Finalises the output (for a file: moves it into place).</summary>
    void Complete();
}
