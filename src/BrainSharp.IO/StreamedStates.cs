namespace BrainSharp.IO;

/// <summary>
/// Samples read back from a streamed state monitor file: time step <paramref name="DtMs"/> (ms), <paramref name="Stride"/> (steps),
/// the recorded <paramref name="Units"/>, the step of each sample (values at (step + 1) dt) and the values row-wise [sample, unit].
/// </summary>
public sealed record StreamedStates(double DtMs, int Stride, int[] Units, long[] SampleSteps, float[] Values)
{
    /// <summary>Number of samples.</summary>
    public int Samples => SampleSteps.Length;

    /// <summary>Values of sample <paramref name="sample"/>.</summary>
    public ReadOnlySpan<float> Sample(int sample) => Values.AsSpan(sample * Units.Length, Units.Length);
}
