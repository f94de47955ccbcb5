namespace BrainSharp.Dynamics;

/// <summary>
/// A component with state beyond its <see cref="StateVariable"/>s (delay ring buffers, random stream positions,
/// plastic weights). The network calls <see cref="SaveState"/> and <see cref="RestoreState"/> in the same order.
/// </summary>
public interface ISnapshotParticipant
{
    /// <summary>Appends all extra state to <paramref name="snapshot"/>.</summary>
    void SaveState(StateSnapshot snapshot);

    /// <summary>Reads back, in the same order, what <see cref="SaveState"/> wrote.</summary>
    void RestoreState(StateSnapshot snapshot);
}
