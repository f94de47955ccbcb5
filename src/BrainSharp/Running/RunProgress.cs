namespace BrainSharp.Running;

/// <summary>Progress of a running simulation, passed to the <see cref="Simulator.Run"/> callback.</summary>
/// <param name="Fraction">Fraction of the requested steps done, 0..1.</param>
/// <param name="SimTimeMs">Simulated time reached, ms.</param>
/// <param name="WallSeconds">Wall-clock seconds since the run started.</param>
public readonly record struct RunProgress(double Fraction, double SimTimeMs, double WallSeconds);
