namespace BrainSharp.Dynamics;

/// <summary>
/// Anything with state that advances with the clock: a neuron group, a synapse population, an input.
/// Every state carries a leading batch dimension (1 for plain simulation, trials for training),
/// so one model definition serves both.
/// </summary>
public abstract class DynamicalSystem
{
    protected DynamicalSystem(string name, int size, int batch = 1)
    {
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size), size, $"{name}: size must be non-negative.");
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"{name}: batch must be at least 1.");
        Name = name; Size = size; Batch = batch;
    }

    /// <summary>A name for messages, monitors and files.</summary>
    public string Name { get; set; }

    /// <summary>Units per batch element (neurons, synapses, channels).</summary>
    public int Size { get; }

    /// <summary>Leading batch dimension.</summary>
    public int Batch { get; }

    /// <summary>All state variables, for monitors and snapshots. Includes everything needed to resume exactly.</summary>
    public abstract IReadOnlyList<StateVariable> States { get; }

    /// <summary>Sets the initial state; random initial values derive from <paramref name="seed"/>.</summary>
    public abstract void Reset(ulong seed);

    /// <summary>Advances one step of <see cref="Clock.Dt"/> in place, allocating nothing.</summary>
    public abstract void Update(Clock clock);

    /// <summary>Looks up a state variable by name; throws naming the system and the variable if absent.</summary>
    public StateVariable State(string name)
    {
        foreach (var s in States) if (s.Name == name) return s;
        throw new KeyNotFoundException($"{Name}: no state variable '{name}' (has: {string.Join(", ", States.Select(s => s.Name))}).");
    }
}
