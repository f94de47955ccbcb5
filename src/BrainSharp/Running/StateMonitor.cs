using BrainSharp.Dynamics;

namespace BrainSharp.Running;

/// <summary>
/// Records a state variable of chosen units every <see cref="Stride"/> steps. A sample taken in step n holds the values
/// after that step's update, i.e. at time (n + 1) dt (ms): the values Brian2's StateMonitor would report at that time.
/// Samples are stored row-wise [sample, unit] in one growing float array. Constructed with an <see cref="IStateSink"/> it
/// streams instead: samples collect in a fixed buffer of <see cref="BufferCapacity"/> rows written to the sink in chunks
/// whenever it is full (bounded memory); call <see cref="Complete"/> at the end to flush and finalise the output.
/// </summary>
public sealed class StateMonitor : IRecorder
{
    private readonly float[] _source;
    private readonly int[] _indices;
    private float[] _data;
    private long[] _sampleSteps;
    private double _dt = double.NaN;
    private readonly string _owner;
    private readonly IStateSink? _stream;
    private bool _opened, _completed;

    /// <summary>Records variable <paramref name="variable"/> of <paramref name="system"/> for <paramref name="indices"/> (all if null) every <paramref name="stride"/> steps.</summary>
    public StateMonitor(DynamicalSystem system, string variable, int[]? indices = null, int stride = 1)
        : this((system ?? throw new ArgumentNullException(nameof(system))).State(variable), indices, stride, system.Name) { }

    /// <summary>Records <paramref name="variable"/> (e.g. a projection's synaptic "g") for <paramref name="indices"/> (all if null) every <paramref name="stride"/> steps.</summary>
    public StateMonitor(StateVariable variable, int[]? indices = null, int stride = 1, string owner = "")
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, $"StateMonitor '{owner}.{variable.Name}': parameter stride must be at least 1, got {stride}.");
        _source = variable.Values;
        if (indices is null) { indices = new int[_source.Length]; for (int i = 0; i < indices.Length; i++) indices[i] = i; }
        foreach (int i in indices)
            if (i < 0 || i >= _source.Length)
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"StateMonitor '{owner}.{variable.Name}': index {i} is outside [0, {_source.Length}).");
        _indices = (int[])indices.Clone();
        Variable = variable; Stride = stride; _owner = owner;
        _data = new float[Math.Max(1, _indices.Length) * 64];
        _sampleSteps = new long[64];
    }

    /// <summary>Streams <paramref name="variable"/> of <paramref name="system"/> to <paramref name="stream"/> through a buffer of <paramref name="bufferSamples"/> samples (bounded memory).</summary>
    public StateMonitor(DynamicalSystem system, string variable, IStateSink stream, int[]? indices = null, int stride = 1, int bufferSamples = 1024)
        : this((system ?? throw new ArgumentNullException(nameof(system))).State(variable), stream, indices, stride, system.Name, bufferSamples) { }

    /// <summary>Streams <paramref name="variable"/> to <paramref name="stream"/> through a buffer of <paramref name="bufferSamples"/> samples (bounded memory).</summary>
    public StateMonitor(StateVariable variable, IStateSink stream, int[]? indices = null, int stride = 1, string owner = "", int bufferSamples = 1024)
        : this(variable, indices, stride, owner)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (bufferSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(bufferSamples), bufferSamples, $"StateMonitor '{owner}.{variable.Name}': parameter bufferSamples must be at least 1, got {bufferSamples}.");
        _stream = stream;
        _data = new float[bufferSamples * _indices.Length];
        _sampleSteps = new long[bufferSamples];
    }

    /// <summary>Whether the samples stream to an <see cref="IStateSink"/>.</summary>
    public bool IsStreaming => _stream is not null;

    /// <summary>Samples held in the stream buffer, not yet written to the sink (at most <see cref="BufferCapacity"/>).</summary>
    public int BufferedSamples { get; private set; }

    /// <summary>Size of the stream buffer, samples (0 when not streaming).</summary>
    public int BufferCapacity => _stream is null ? 0 : _sampleSteps.Length;

    /// <summary>Writes the buffered samples to the sink (streaming only; no-op otherwise).</summary>
    public void Flush()
    {
        if (_stream is null || BufferedSamples == 0) return;
        _stream.Write(_sampleSteps.AsSpan(0, BufferedSamples), _data.AsSpan(0, BufferedSamples * _indices.Length));
        BufferedSamples = 0;
    }

    /// <summary>Flushes and finalises the sink (streaming only); the monitor records nothing more afterwards.</summary>
    public void Complete()
    {
        if (_stream is null || _completed) return;
        if (!_opened) throw new InvalidOperationException($"StateMonitor '{_owner}.{Variable.Name}': the network was never built, so the stream was never opened.");
        Flush();
        _stream.Complete();
        _completed = true;
    }

    private void RequireInMemory()
    {
        if (_stream is not null)
            throw new InvalidOperationException($"StateMonitor '{_owner}.{Variable.Name}' streams its samples to a sink; read them from there.");
    }

    /// <summary>The recorded variable.</summary>
    public StateVariable Variable { get; }

    /// <summary>Recorded units.</summary>
    public ReadOnlySpan<int> RecordedIndices => _indices;

    /// <summary>Record every this many steps.</summary>
    public int Stride { get; }

    /// <summary>Number of samples taken.</summary>
    public int Samples { get; private set; }

    /// <summary>Values of sample <paramref name="sample"/> for all recorded units.</summary>
    public ReadOnlySpan<float> Sample(int sample) { RequireInMemory(); return new(_data, sample * _indices.Length, _indices.Length); }

    /// <summary>Time of sample <paramref name="sample"/>, ms (end of its step).</summary>
    public double TimeOf(int sample) { RequireInMemory(); return (_sampleSteps[sample] + 1) * _dt; }

    /// <summary>The time series of recorded unit number <paramref name="k"/> (position in <see cref="RecordedIndices"/>), a new array.</summary>
    public float[] Series(int k)
    {
        RequireInMemory();
        var s = new float[Samples];
        for (int t = 0; t < Samples; t++) s[t] = _data[t * _indices.Length + k];
        return s;
    }

    /// <summary>Sample times, ms (a new array).</summary>
    public double[] GetTimes()
    {
        var t = new double[Samples];
        for (int k = 0; k < Samples; k++) t[k] = TimeOf(k);
        return t;
    }

    /// <summary>Makes room for <paramref name="samples"/> samples.</summary>
    public void Reserve(int samples)
    {
        if (_stream is not null) return;
        if ((long)samples * _indices.Length > _data.Length) Array.Resize(ref _data, samples * _indices.Length);
        if (samples > _sampleSteps.Length) Array.Resize(ref _sampleSteps, samples);
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Clear() => Samples = 0;

    /// <inheritdoc/>
    public void Attach(Clock clock)
    {
        _dt = clock.Dt;
        if (_stream is null || _opened) return;
        _stream.Open(_owner, Variable, _indices, Stride, clock.Dt);
        _opened = true;
    }

    /// <inheritdoc/>
    public void Record(Clock clock)
    {
        if (clock.Step % Stride != 0) return;
        int k = _indices.Length;
        if (_stream is not null)
        {
            if (_completed) throw new InvalidOperationException($"StateMonitor '{_owner}.{Variable.Name}': the stream was completed; it records nothing more.");
            if (BufferedSamples == _sampleSteps.Length) Flush();
            Gather(_data.AsSpan(BufferedSamples * k, k));
            _sampleSteps[BufferedSamples++] = clock.Step;
            Samples++;
            return;
        }
        if ((Samples + 1) * k > _data.Length || Samples + 1 > _sampleSteps.Length) Reserve(Math.Max(Samples * 2, 64));
        Gather(_data.AsSpan(Samples * k, k));
        _sampleSteps[Samples] = clock.Step;
        Samples++;
    }

    private void Gather(Span<float> dst)
    {
        var src = _source; var idx = _indices;
        for (int j = 0; j < dst.Length; j++) dst[j] = src[idx[j]];
    }
}
