namespace BrainSharp.Dynamics;

/// <summary>
/// Something that observes a network once per step after all neurons have updated (spike monitors, state
/// monitors, rate monitors). Called on one thread; must not allocate per step in steady state.
/// </summary>
public interface IRecorder
{
    /// <summary>Records step <see cref="Clock.Step"/> (time <see cref="Clock.T"/>, ms): the step's spikes and the states after its update.</summary>
    void Record(Clock clock);

    /// <summary>Binds to the run's clock (called once by <see cref="Network.Build"/>).</summary>
    void Attach(Clock clock);
}
