namespace BrainSharp.Dynamics;

/// <summary>What a worker runs to deliver one step's spikes into one share of the targets (threads &gt; 1).</summary>
internal abstract class DeliveryUnit
{
    /// <summary>Delivers this step's due spikes into worker <paramref name="share"/>'s targets.</summary>
    public abstract void Deliver(Clock clock, int share);
}

/// <summary>A coupling delivering on its own (<see cref="Coupling.Propagate"/>).</summary>
internal sealed class CouplingUnit(Coupling coupling) : DeliveryUnit
{
    /// <inheritdoc/>
    public override void Deliver(Clock clock, int share) => coupling.Propagate(clock, share);
}
