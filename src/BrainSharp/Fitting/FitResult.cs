namespace BrainSharp.Fitting;

/// <summary>One point of a fit's progress: wall time since the start (s), evaluations so far, best loss so far.</summary>
public readonly record struct FitProgress(double Seconds, long Evaluations, double BestLoss);

/// <summary>The outcome of a fit: fitted values (in the model's units), the loss, cost and progress history.</summary>
public sealed record FitResult(
    string Method,
    IReadOnlyList<FitParameter> Parameters,
    double[] Values,
    double Loss,
    long Evaluations,
    double WallSeconds,
    IReadOnlyList<FitProgress> History)
{
    /// <summary>Wall time (s) at which the best loss first fell to <paramref name="target"/> or below; null if never.</summary>
    public double? TimeToLoss(double target)
    {
        foreach (var h in History) if (h.BestLoss <= target) return h.Seconds;
        return null;
    }
}
