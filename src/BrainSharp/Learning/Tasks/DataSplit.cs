namespace BrainSharp.Learning.Tasks;

/// <summary>Which disjoint family of random trials a batch is drawn from; the same index in different splits gives unrelated trials.</summary>
public enum DataSplit
{
    /// <summary>Trials used for gradient steps.</summary>
    Train = 1,
    /// <summary>Trials used for early stopping.</summary>
    Validation = 2,
    /// <summary>Fresh trials used only to report accuracy.</summary>
    Test = 3,
}
