namespace BrainSharp.Learning.Tasks;

/// <summary>A named epoch of a trial, in steps [Start, End).</summary>
public readonly record struct TrialPeriod(string Name, int Start, int End);
