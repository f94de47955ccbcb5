using System.Globalization;
using BrainSharp.Connectivity;

namespace BrainSharp.Networks;

/// <summary>
/// A published benchmark network that can be built at any size: name, description, settable parameters, and
/// <see cref="Build"/>. The CLI drives it: <c>brainsharp simulate coba --neurons 4000 --set w_e=6 --connectivity procedural</c>.
/// Instances are mutable (parameters); get fresh ones from <see cref="ReferenceNetworks.Create"/>.
/// </summary>
public abstract class ReferenceNetwork
{
    private readonly ReferenceParameter[] _parameters;
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);

    /// <summary>Declares the parameters (names must be unique); each starts at its default.</summary>
    protected ReferenceNetwork(params ReferenceParameter[] parameters)
    {
        _parameters = parameters;
        foreach (var p in parameters)
        {
            if (!_values.TryAdd(p.Name, p.Default))
                throw new ArgumentException($"{GetType().Name}: parameter '{p.Name}' declared twice.");
        }
    }

    /// <summary>Short name used on the command line, e.g. "coba".</summary>
    public abstract string Name { get; }

    /// <summary>One line: what the network is and where it comes from.</summary>
    public abstract string Description { get; }

    /// <summary>The rate Brian2 reports for the default network, for orientation (e.g. "19.7-20.1 Hz at 4000 neurons").</summary>
    public virtual string ReferenceRate => "";

    /// <summary>Default number of neurons.</summary>
    public virtual int DefaultNeurons => 4000;

    /// <summary>Default time step, ms.</summary>
    public virtual double DefaultDt => 0.1;

    /// <summary>Default duration, ms.</summary>
    public virtual double DefaultDurationMs => 1000;

    /// <summary>The settable parameters with their defaults.</summary>
    public IReadOnlyList<ReferenceParameter> Parameters => _parameters;

    /// <summary>Current value of parameter <paramref name="name"/>.</summary>
    public double Get(string name) => _values.TryGetValue(name, out var v) ? v : throw Unknown(name);

    /// <summary>Sets parameter <paramref name="name"/>; throws naming the network and parameter for an unknown name or a value outside its range.</summary>
    public void Set(string name, double value)
    {
        var p = Find(name) ?? throw Unknown(name);
        if (double.IsNaN(value) || value < p.Min || value > p.Max)
            throw new ArgumentOutOfRangeException(name, value, FormattableString.Invariant($"{Name}: parameter '{name}' ({p.Unit}) must be in [{p.Min}, {p.Max}], got {value}."));
        _values[name] = value;
    }

    /// <summary>Sets parameter <paramref name="name"/> from text (invariant culture), e.g. from <c>--set name=value</c>.</summary>
    public void Set(string name, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new ArgumentException($"{Name}: parameter '{name}' needs a number, got '{value}'.", name);
        Set(name, v);
    }

    /// <summary>Builds the network with <paramref name="neurons"/> neurons in total, seeded, with the given storage and thread count, and one spike monitor per population.</summary>
    public BuiltNetwork Build(int neurons, ulong seed, ConnectivityStorage storage = ConnectivityStorage.Csr, int threads = 1)
    {
        if (neurons < 2)
            throw new ArgumentOutOfRangeException(nameof(neurons), neurons, $"{Name}: parameter neurons must be at least 2, got {neurons}.");
        if (threads < 1)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, $"{Name}: parameter threads must be at least 1, got {threads}.");
        return BuildCore(neurons, seed, storage, threads);
    }

    /// <summary>Builds the model; parameters are already validated.</summary>
    protected abstract BuiltNetwork BuildCore(int neurons, ulong seed, ConnectivityStorage storage, int threads);

    /// <summary>The LIF membrane integrator selected by a 0/1 parameter: 0 = exponential Euler, 1 = forward Euler; anything else throws.</summary>
    protected Integrators.OdeMethod Method(double euler) => euler switch
    {
        0 => Integrators.OdeMethod.ExponentialEuler,
        1 => Integrators.OdeMethod.Euler,
        _ => throw new ArgumentOutOfRangeException("euler", euler, FormattableString.Invariant($"{Name}: parameter 'euler' must be 0 (exponential Euler) or 1 (forward Euler), got {euler}.")),
    };

    private ReferenceParameter? Find(string name)
    {
        foreach (var p in _parameters) if (p.Name == name) return p;
        return null;
    }

    private ArgumentException Unknown(string name)
        => new($"{Name}: unknown parameter '{name}' (known: {string.Join(", ", _parameters.Select(p => p.Name))}).", name);

    public override string ToString() => $"{Name}: {Description}";
}
