using BrainSharp.Dynamics;
using BrainSharp.Running;

namespace BrainSharp.IO;

/// <summary>
/// Streams a <see cref="StateMonitor"/> to a NumPy .npz archive in chunks (bounded memory), finalised atomically by
/// <see cref="Complete"/>. Arrays: <c>values</c> float32 [samples, units], <c>steps</c> int64 [samples] (a sample of step n
/// holds the values at (n + 1) dt), <c>indices</c> int32 [units] (recorded units), <c>dt_ms</c> float64 and <c>stride</c>
/// int32 scalars. Read back with <see cref="MonitorStreamFile.ReadStates"/> or <c>numpy.load</c>.
/// </summary>
public sealed class NpzStateSink : IStateSink
{
    private readonly NpzStreamWriter _writer;
    private int _units = -1, _steps = -1, _values = -1;

    /// <summary>Creates the sink; nothing appears at <paramref name="path"/> before <see cref="Complete"/>.</summary>
    public NpzStateSink(string path) { Path = path; _writer = new NpzStreamWriter(path); }

    /// <summary>Destination path.</summary>
    public string Path { get; }

    /// <summary>Chunks written so far.</summary>
    public long ChunksWritten => _writer.Chunks / 2;

    /// <inheritdoc/>
    public void Open(string owner, StateVariable variable, ReadOnlySpan<int> indices, int stride, double dtMs)
    {
        if (_values >= 0) throw new InvalidOperationException($"NpzStateSink '{Path}': already opened; one sink serves one monitor.");
        _units = indices.Length;
        _writer.AddFixed("dt_ms", "<f8", [dtMs]);
        _writer.AddFixed("stride", "<i4", [stride]);
        _writer.AddFixed("indices", "<i4", indices, indices.Length);
        _steps = _writer.AddGrowing("steps", "<i8", 8);
        _values = _writer.AddGrowing("values", "<f4", 4, indices.Length);
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<long> sampleSteps, ReadOnlySpan<float> values)
    {
        if (_values < 0) throw new InvalidOperationException($"NpzStateSink '{Path}': write before open.");
        if ((long)sampleSteps.Length * _units != values.Length)
            throw new ArgumentException($"NpzStateSink '{Path}': {sampleSteps.Length} samples of {_units} units need {(long)sampleSteps.Length * _units} values, got {values.Length}.");
        _writer.Append(_steps, sampleSteps, sampleSteps.Length);
        _writer.Append(_values, values, sampleSteps.Length);
    }

    /// <inheritdoc/>
    public void Complete()
    {
        if (_values < 0) throw new InvalidOperationException($"NpzStateSink '{Path}': complete before open.");
        _writer.Complete();
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
