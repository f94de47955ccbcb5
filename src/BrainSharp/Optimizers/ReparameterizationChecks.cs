namespace BrainSharp.Optimizers;

/// <summary>Shape checks shared by the reparameterizations' span methods.</summary>
internal static class ReparameterizationChecks
{
    public static void SameLength(string op, int a, int b)
    {
        if (a != b) throw new ArgumentException($"{op}: spans have different lengths ({a} and {b}).");
    }
}
