namespace BrainSharp.Dynamics;

/// <summary>The shared simulation clock: time step (ms) and step index. Time is derived, never accumulated, so it does not drift.</summary>
public sealed class Clock
{
    /// <summary>Creates a clock; <paramref name="dt"/> in ms must be positive and finite.</summary>
    public Clock(double dt)
    {
        if (!(dt > 0) || !double.IsFinite(dt))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "Clock: dt (ms) must be positive and finite.");
        Dt = dt;
    }

    /// <summary>Time step, ms.</summary>
    public double Dt { get; }

    /// <summary>Index of the current step (0 before the first update).</summary>
    public long Step { get; set; }

    /// <summary>Current time, ms.</summary>
    public double T => Step * Dt;
}
