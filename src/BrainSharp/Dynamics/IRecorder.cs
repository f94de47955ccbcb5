namespace BrainSharp.Dynamics;

/// <summary>
/// Something that observes a network once per step, at its end: after neurons, synapses and plasticity have updated
/// (spike monitors, state monitors, rate monitors). Called on one thread; must not allocate per step in steady state.
/// </summary>
public interface IRecorder
{
    /// <summary>Records step <see cref="Clock.Step"/>: its spikes (stamped <see cref="Clock.T"/>, ms) and the states at its end (time T + dt).</summary>
    void Record(Clock clock);

    /// <summary>Binds to the run's clock (called once by <see cref="Network.Build"/>).</summary>
    void Attach(Clock clock);
}
