namespace BrainSharp.Dynamics;

/// <summary>A part that updates dynamical systems itself (a projection and its synapse), so the network must not update them again.</summary>
public interface IOwnsSystems
{
    /// <summary>The systems this part updates.</summary>
    IReadOnlyList<DynamicalSystem> OwnedSystems { get; }
}
