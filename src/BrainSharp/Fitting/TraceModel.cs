namespace BrainSharp.Fitting;

/// <summary>A parameter of a fit model: name, unit, default value and a one-line description.</summary>
public sealed record ModelParameter(string Name, string Unit, double Default, string Description);

/// <summary>
/// A single-neuron model for fitting: given parameter values and an injected current, it produces the
/// membrane-potential trace (and spikes where the model has them). The update is written once, generic over
/// <see cref="IReal{T}"/>, so that the same code gives plain simulations and exact forward-mode gradients.
/// </summary>
public abstract class TraceModel
{
    /// <summary>Name, e.g. "traub-miles".</summary>
    public abstract string Name { get; }

    /// <summary>All parameters in the order <see cref="Simulate{T}"/> takes them.</summary>
    public abstract IReadOnlyList<ModelParameter> Parameters { get; }

    /// <summary>
    /// Simulates one protocol. <paramref name="p"/>: every parameter, in <see cref="Parameters"/> order and units;
    /// <paramref name="current"/>: injected current, pA, one sample per step of <paramref name="dt"/> ms;
    /// <paramref name="v"/>: receives the membrane potential, mV, recorded at the start of each step (as Brian2's
    /// StateMonitor); <paramref name="spikeTimes"/>: if not null, receives every spike time in ms, interpolated within
    /// its step so that it is a differentiable function of the parameters.
    /// </summary>
    public abstract void Simulate<T>(ReadOnlySpan<T> p, ReadOnlySpan<double> current, double dt, Span<T> v, List<T>? spikeTimes = null)
        where T : struct, IReal<T>;

    /// <summary>Index of a parameter by name; throws naming the model and the known parameters.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Parameters.Count; i++) if (Parameters[i].Name == name) return i;
        throw new ArgumentException($"{Name}: unknown parameter '{name}' (known: {string.Join(", ", Parameters.Select(p => p.Name))}).", nameof(name));
    }

    /// <summary>Default values of all parameters.</summary>
    public double[] Defaults() => Parameters.Select(p => p.Default).ToArray();
}
