using System.Globalization;
using System.Numerics;
using BrainSharp.Numerics;

namespace BrainSharp.Optimizers;

/// <summary>
/// Base of the first-order optimizers: checks the parameter/gradient lists, owns the per-parameter
/// state buffers (allocated on the first step, zero-initialized) and their save/restore.
/// One parameter group: every tensor shares the hyperparameters.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class Optimizer<T> : IOptimizer where T : unmanaged, IFloatingPointIeee754<T>
{
    private double _lr;
    private int[]? _sizes;
    private readonly string[] _bufferNames;
    // _buffers[b][i] is buffer b of parameter i.
    private T[][][] _buffers = [];

    /// <param name="learningRate">Learning rate, finite and &gt;= 0.</param>
    /// <param name="bufferNames">Names of the per-parameter state buffers (PyTorch's names, e.g. "exp_avg").</param>
    protected Optimizer(double learningRate, params string[] bufferNames)
    {
        CheckLearningRate(learningRate);
        _lr = learningRate;
        _bufferNames = bufferNames;
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public double LearningRate
    {
        get => _lr;
        set { CheckLearningRate(value); _lr = value; }
    }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <summary>Applies one update to <paramref name="parameters"/> in place, given their gradients (same order and sizes).</summary>
    public void Step(IReadOnlyList<Tensor<T>> parameters, IReadOnlyList<Tensor<T>> gradients)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        if (parameters.Count != gradients.Count)
            throw new ArgumentException($"{GetType().Name}.Step: {parameters.Count} parameters but {gradients.Count} gradients.", nameof(gradients));
        if (_sizes is null)
        {
            var sizes = new int[parameters.Count];
            for (int i = 0; i < sizes.Length; i++) sizes[i] = parameters[i].Size;
            Allocate(sizes);
        }
        if (parameters.Count != _sizes!.Length)
            throw new ArgumentException($"{GetType().Name}.Step: the optimizer holds state for {_sizes.Length} parameters but got {parameters.Count}.", nameof(parameters));
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Size != _sizes[i])
                throw new ArgumentException($"{GetType().Name}.Step: parameter {i} has {parameters[i].Size} elements, the optimizer state has {_sizes[i]}.", nameof(parameters));
            if (gradients[i].Size != parameters[i].Size)
                throw new ArgumentException($"{GetType().Name}.Step: gradient {i} has {gradients[i].Size} elements, parameter {i} has {parameters[i].Size}.", nameof(gradients));
        }
        StepCount++;
        for (int i = 0; i < parameters.Count; i++) Update(i, parameters[i].Span, gradients[i].Span);
    }

    /// <summary>Updates parameter <paramref name="index"/> in place; <see cref="StepCount"/> already counts this step.</summary>
    protected abstract void Update(int index, Span<T> parameter, ReadOnlySpan<T> gradient);

    /// <summary>State buffer <paramref name="buffer"/> (index into the names given to the constructor) of parameter <paramref name="index"/>.</summary>
    protected Span<T> Buffer(int buffer, int index) => _buffers[buffer][index];

    /// <summary>Initial value of the buffers (0 unless an optimizer says otherwise, e.g. Adagrad's initial accumulator).</summary>
    protected virtual T InitialBufferValue(int buffer) => T.Zero;

    private void Allocate(int[] sizes)
    {
        _sizes = sizes;
        _buffers = new T[_bufferNames.Length][][];
        for (int b = 0; b < _bufferNames.Length; b++)
        {
            _buffers[b] = new T[sizes.Length][];
            for (int i = 0; i < sizes.Length; i++)
            {
                _buffers[b][i] = new T[sizes[i]];
                _buffers[b][i].AsSpan().Fill(InitialBufferValue(b));
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double[]> SaveState()
    {
        var d = new Dictionary<string, double[]>
        {
            ["step"] = [StepCount],
            ["lr"] = [_lr],
        };
        if (_sizes is null) return d;
        d["param_sizes"] = _sizes.Select(s => (double)s).ToArray();
        for (int b = 0; b < _bufferNames.Length; b++)
            for (int i = 0; i < _sizes.Length; i++)
            {
                var src = _buffers[b][i];
                var dst = new double[src.Length];
                for (int j = 0; j < src.Length; j++) dst[j] = double.CreateChecked(src[j]);
                d[Key(i, _bufferNames[b])] = dst;
            }
        return d;
    }

    /// <inheritdoc/>
    public void LoadState(IReadOnlyDictionary<string, double[]> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string op = $"{GetType().Name}.LoadState";
        double[] Get(string key, int length)
        {
            if (!state.TryGetValue(key, out var a)) throw new ArgumentException($"{op}: missing array \"{key}\".", nameof(state));
            if (a.Length != length) throw new ArgumentException($"{op}: array \"{key}\" has {a.Length} elements, expected {length}.", nameof(state));
            return a;
        }
        double step = Get("step", 1)[0], lr = Get("lr", 1)[0];
        if (!(step >= 0) || step != Math.Floor(step)) throw new ArgumentException($"{op}: \"step\" must be a non-negative integer, got {step}.", nameof(state));
        CheckLearningRate(lr);
        if (!state.TryGetValue("param_sizes", out var sizesD))
        {
            if (state.Count != 2) throw new ArgumentException($"{op}: state without \"param_sizes\" must hold only \"step\" and \"lr\".", nameof(state));
            if (step != 0) throw new ArgumentException($"{op}: state with step {step} has no parameter buffers.", nameof(state));
            StepCount = 0; _lr = lr; _sizes = null; _buffers = [];
            return;
        }
        var sizes = new int[sizesD.Length];
        for (int i = 0; i < sizes.Length; i++)
        {
            if (!(sizesD[i] >= 0) || sizesD[i] != Math.Floor(sizesD[i]) || sizesD[i] > int.MaxValue)
                throw new ArgumentException($"{op}: \"param_sizes\"[{i}] is not a valid size: {sizesD[i]}.", nameof(state));
            sizes[i] = (int)sizesD[i];
        }
        int expected = 3 + _bufferNames.Length * sizes.Length;
        if (state.Count != expected)
        {
            var unknown = state.Keys.FirstOrDefault(k => k is not ("step" or "lr" or "param_sizes") && !IsOwnKey(k, sizes.Length));
            throw new ArgumentException(unknown is null
                ? $"{op}: expected {expected} arrays, got {state.Count}."
                : $"{op}: unexpected array \"{unknown}\" (is this another optimizer's state?).", nameof(state));
        }
        var buffers = new T[_bufferNames.Length][][];
        for (int b = 0; b < _bufferNames.Length; b++)
        {
            buffers[b] = new T[sizes.Length][];
            for (int i = 0; i < sizes.Length; i++)
            {
                var src = Get(Key(i, _bufferNames[b]), sizes[i]);
                var dst = new T[sizes[i]];
                for (int j = 0; j < dst.Length; j++) dst[j] = T.CreateChecked(src[j]);
                buffers[b][i] = dst;
            }
        }
        StepCount = (long)step; _lr = lr; _sizes = sizes; _buffers = buffers;
    }

    private bool IsOwnKey(string key, int count)
    {
        for (int b = 0; b < _bufferNames.Length; b++)
            for (int i = 0; i < count; i++)
                if (key == Key(i, _bufferNames[b])) return true;
        return false;
    }

    private static string Key(int index, string buffer) => string.Create(CultureInfo.InvariantCulture, $"param.{index}.{buffer}");

    private void CheckLearningRate(double lr)
    {
        if (!(lr >= 0) || !double.IsFinite(lr))
            throw new ArgumentOutOfRangeException("learningRate", lr, $"{GetType().Name}: learning rate must be finite and >= 0, got {lr}.");
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [lo, hi] (or [lo, hi) when <paramref name="openHigh"/>), naming the optimizer and parameter.</summary>
    protected void CheckRange(string name, double value, double lo, double hi, bool openHigh = false)
    {
        bool ok = value >= lo && (openHigh ? value < hi : value <= hi);
        if (!ok)
            throw new ArgumentOutOfRangeException(name, value,
                $"{GetType().Name}: {name} must be in [{lo}, {hi}{(openHigh ? ")" : "]")}, got {value}.");
    }

    /// <summary>Converts a hyperparameter to the element type once per step.</summary>
    protected static T C(double v) => T.CreateChecked(v);

    /// <summary>Formats a hyperparameter for <see cref="Name"/>.</summary>
    protected static string F(double v) => v.ToString("g", CultureInfo.InvariantCulture);
}
