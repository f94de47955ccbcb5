namespace BrainSharp.Networks;

/// <summary>
/// The registry of reference networks by name (case-insensitive). Each call to <see cref="Create"/> returns a fresh
/// instance with default parameters.
/// </summary>
public static class ReferenceNetworks
{
    private static readonly Dictionary<string, Func<ReferenceNetwork>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["coba"] = () => new Coba(),
        ["cuba"] = () => new Cuba(),
        ["cobahh"] = () => new CobaHH(),
        ["brunel"] = () => Brunel.AsynchronousIrregular(),
        ["brunel-sr"] = () => Brunel.SynchronousRegular(),
        ["wang2002"] = () => new Wang2002(),
    };

    /// <summary>Names of all registered networks, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (Factories) return Factories.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray(); }
    }

    /// <summary>Fresh instances of all registered networks (for listings).</summary>
    public static IReadOnlyList<ReferenceNetwork> All => Names.Select(Create).ToArray();

    /// <summary>A fresh instance of the network called <paramref name="name"/>; throws listing the known names.</summary>
    public static ReferenceNetwork Create(string name)
    {
        Func<ReferenceNetwork>? f;
        lock (Factories) Factories.TryGetValue(name, out f);
        return f is not null ? f() : throw new KeyNotFoundException($"ReferenceNetworks: unknown model '{name}' (known: {string.Join(", ", Names)}).");
    }

    /// <summary>Registers a network under <paramref name="name"/> (replaces an existing entry).</summary>
    public static void Register(string name, Func<ReferenceNetwork> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        lock (Factories) Factories[name] = factory;
    }
}
