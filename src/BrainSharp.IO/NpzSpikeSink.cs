using BrainSharp.Running;

namespace BrainSharp.IO;

/// <summary>
/// Streams a <see cref="SpikeMonitor"/> to a NumPy .npz archive in chunks (bounded memory), finalised atomically by
/// <see cref="Complete"/>. Arrays: <c>indices</c> int32 [n], <c>steps</c> int64 [n] (time = step x dt, ms),
/// <c>dt_ms</c> float64 scalar, <c>size</c> int32 scalar. Read back with <see cref="MonitorStreamFile.ReadSpikes"/> or <c>numpy.load</c>.
/// <code>
/// using var file = new NpzSpikeSink("e_spikes.npz");
/// var mon = net.Add(new SpikeMonitor(e, file, bufferSpikes: 1 &lt;&lt; 16));
/// sim.Run(100_000);
/// mon.Complete();
/// </code>
/// </summary>
public sealed class NpzSpikeSink : ISpikeSink
{
    private readonly NpzStreamWriter _writer;
    private int _indices = -1, _steps = -1;

    /// <summary>Creates the sink; nothing appears at <paramref name="path"/> before <see cref="Complete"/>.</summary>
    public NpzSpikeSink(string path) { Path = path; _writer = new NpzStreamWriter(path); }

    /// <summary>Destination path.</summary>
    public string Path { get; }

    /// <summary>Chunks written so far.</summary>
    public long ChunksWritten => _writer.Chunks / 2;

    /// <inheritdoc/>
    public void Open(string group, int size, double dtMs)
    {
        if (_indices >= 0) throw new InvalidOperationException($"NpzSpikeSink '{Path}': already opened; one sink serves one monitor.");
        _writer.AddFixed("dt_ms", "<f8", [dtMs]);
        _writer.AddFixed("size", "<i4", [size]);
        _indices = _writer.AddGrowing("indices", "<i4", 4);
        _steps = _writer.AddGrowing("steps", "<i8", 8);
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<int> indices, ReadOnlySpan<long> steps)
    {
        if (_indices < 0) throw new InvalidOperationException($"NpzSpikeSink '{Path}': write before open.");
        if (indices.Length != steps.Length) throw new ArgumentException($"NpzSpikeSink '{Path}': {indices.Length} indices but {steps.Length} steps.");
        _writer.Append(_indices, indices, indices.Length);
        _writer.Append(_steps, steps, steps.Length);
    }

    /// <inheritdoc/>
    public void Complete()
    {
        if (_indices < 0) throw new InvalidOperationException($"NpzSpikeSink '{Path}': complete before open.");
        _writer.Complete();
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
