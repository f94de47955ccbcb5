using BrainSharp.Dynamics;

namespace BrainSharp.Running;

/// <summary>
/// Records a state variable of chosen units every <see cref="Stride"/> steps. A sample taken in step n holds the values
/// after that step's update, i.e. at time (n + 1) dt (ms): the values Brian2's StateMonitor would report at that time.
/// Samples are stored row-wise [sample, unit] in one growing float array.
/// </summary>
public sealed class StateMonitor : IRecorder
{
    private readonly float[] _source;
    private readonly int[] _indices;
    private float[] _data;
    private long[] _sampleSteps;
    private double _dt = double.NaN;

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
        Variable = variable; Stride = stride;
        _data = new float[Math.Max(1, _indices.Length) * 64];
        _sampleSteps = new long[64];
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
    public ReadOnlySpan<float> Sample(int sample) => new(_data, sample * _indices.Length, _indices.Length);

    /// <summary>Time of sample <paramref name="sample"/>, ms (end of its step).</summary>
    public double TimeOf(int sample) => (_sampleSteps[sample] + 1) * _dt;

    /// <summary>The time series of recorded unit number <paramref name="k"/> (position in <see cref="RecordedIndices"/>), a new array.</summary>
    public float[] Series(int k)
    {
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
        if ((long)samples * _indices.Length > _data.Length) Array.Resize(ref _data, samples * _indices.Length);
        if (samples > _sampleSteps.Length) Array.Resize(ref _sampleSteps, samples);
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Clear() => Samples = 0;

    /// <inheritdoc/>
    public void Attach(Clock clock) => _dt = clock.Dt;

    /// <inheritdoc/>
    public void Record(Clock clock)
    {
        if (clock.Step % Stride != 0) return;
        int k = _indices.Length;
        if ((Samples + 1) * k > _data.Length || Samples + 1 > _sampleSteps.Length) Reserve(Math.Max(Samples * 2, 64));
        var dst = _data.AsSpan(Samples * k, k);
        var src = _source; var idx = _indices;
        for (int j = 0; j < k; j++) dst[j] = src[idx[j]];
        _sampleSteps[Samples] = clock.Step;
        Samples++;
    }
}
