using System.Numerics;
using BrainSharp.Random;

namespace BrainSharp.Learning.Tasks;

/// <summary>
/// Base of the seeded, batched trial generators. Every trial is a pure function of
/// (seed, split, batch index, trial index within the batch): it draws from its own Philox stream,
/// so batches are reproducible, splits never share trials, and a test batch is always fresh.
/// Timing is fixed per task (all trials share the epochs in <see cref="Periods"/>); time step
/// <see cref="Dt"/> in ms.
/// </summary>
public abstract class CognitiveTask
{
    /// <summary>Seed of all trials.</summary>
    public ulong Seed { get; }
    /// <summary>Time step (ms).</summary>
    public double Dt { get; }

    /// <summary>Validates the step and stores the seed.</summary>
    protected CognitiveTask(ulong seed, double dt)
    {
        if (!(dt > 0) || !double.IsFinite(dt))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"{GetType().Name}: time step dt must be positive and finite (ms).");
        Seed = seed; Dt = dt;
    }

    /// <summary>Short name, e.g. "evidence-accumulation".</summary>
    public abstract string Name { get; }
    /// <summary>Number of input channels.</summary>
    public abstract int InputSize { get; }
    /// <summary>Number of classes.</summary>
    public abstract int Classes { get; }
    /// <summary>Trial length in steps.</summary>
    public abstract int Steps { get; }
    /// <summary>The epochs of a trial in order; the last one named "response" is the scored window.</summary>
    public abstract IReadOnlyList<TrialPeriod> Periods { get; }

    /// <summary>The scored window [start, end) in steps.</summary>
    public TrialPeriod Response
    {
        get
        {
            foreach (var p in Periods) if (p.Name == "response") return p;
            throw new InvalidOperationException($"{Name}: no period named 'response'.");
        }
    }

    /// <summary>Generates one trial into <paramref name="x"/> (trial-major [Steps, InputSize], zero on entry) and returns its label.</summary>
    protected abstract int GenerateTrial(ref RandomStream rng, Span<float> x);

    /// <summary>Draws batch number <paramref name="index"/> of <paramref name="split"/> with <paramref name="batchSize"/> trials.</summary>
    public TaskBatch<T> Sample<T>(int batchSize, DataSplit split, long index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"{Name}: batch size must be positive.");
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), index, $"{Name}: batch index must be non-negative.");
        int steps = Steps, nin = InputSize;
        var inputs = new T[(long)steps * batchSize * nin];
        var labels = new int[batchSize];
        var trial = new float[steps * nin];
        for (int b = 0; b < batchSize; b++)
        {
            Array.Clear(trial);
            var rng = new RandomStream(Seed, Philox.StreamId((ulong)split, (ulong)index, (ulong)b));
            labels[b] = GenerateTrial(ref rng, trial);
            for (int t = 0; t < steps; t++)
            {
                int src = t * nin;
                long dst = ((long)t * batchSize + b) * nin;
                for (int c = 0; c < nin; c++) inputs[dst + c] = T.CreateTruncating(trial[src + c]);
            }
        }
        var r = Response;
        return new TaskBatch<T>(steps, batchSize, nin, Classes, inputs, labels, r.Start, r.End);
    }

    /// <summary>Number of steps in <paramref name="ms"/> milliseconds (rounded, at least one).</summary>
    protected int StepsOf(double ms) => Math.Max(1, (int)Math.Round(ms / Dt));

    /// <summary>Builds consecutive periods from (name, duration in ms) pairs.</summary>
    protected TrialPeriod[] Layout(params (string Name, double Ms)[] parts)
    {
        var res = new TrialPeriod[parts.Length];
        int t = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            if (!(parts[i].Ms > 0) || !double.IsFinite(parts[i].Ms))
                throw new ArgumentOutOfRangeException(parts[i].Name, parts[i].Ms, $"{GetType().Name}: duration of period '{parts[i].Name}' must be positive (ms).");
            int n = StepsOf(parts[i].Ms);
            res[i] = new TrialPeriod(parts[i].Name, t, t + n);
            t += n;
        }
        return res;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and non-negative.</summary>
    protected void CheckNonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{GetType().Name}: {name} must be finite and non-negative.");
    }

    /// <summary>Throws unless <paramref name="p"/> lies in [0, 1].</summary>
    protected void CheckProbability(double p, string name)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(name, p, $"{GetType().Name}: {name} must be a probability in [0, 1].");
    }

    /// <summary>Poisson spike (Bernoulli per step) at <paramref name="rateHz"/>.</summary>
    protected float Spike(ref RandomStream rng, double rateHz) => rng.NextDouble() < rateHz * Dt * 1e-3 ? 1f : 0f;
}
