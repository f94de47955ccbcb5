namespace BrainSharp.Running;

/// <summary>Wall-clock figures of one <see cref="Simulator.Run"/>.</summary>
/// <param name="Steps">Steps advanced.</param>
/// <param name="SimulatedMs">Biological time advanced, ms.</param>
/// <param name="BuildSeconds">Seconds spent building the network (connectivity, partitions), counted once per simulator.</param>
/// <param name="RunSeconds">Seconds spent in the step loop of this run.</param>
public readonly record struct RunResult(long Steps, double SimulatedMs, double BuildSeconds, double RunSeconds)
{
    /// <summary>Simulated milliseconds per wall-clock second.</summary>
    public double RealTimeFactor => RunSeconds > 0 ? SimulatedMs / 1000.0 / RunSeconds : double.PositiveInfinity;
}
