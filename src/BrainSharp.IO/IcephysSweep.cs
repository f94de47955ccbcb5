namespace BrainSharp.IO;

/// <summary>One current-clamp sweep: injected current (pA) and recorded membrane potential (mV), sampled every <paramref name="DtMs"/> ms.</summary>
public sealed record IcephysSweep(string Name, long SweepNumber, double DtMs, double[] CurrentPa, double[] VoltageMv);
