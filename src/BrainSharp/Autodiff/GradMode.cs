namespace BrainSharp.Autodiff;

/// <summary>
/// Per-thread switches of the tape: whether operations are recorded, whether outputs are checked for
/// non-finite values, and the capture sinks that checkpointed segments use to find the tracked tensors they read.
/// Thread-static because a tape belongs to the thread that builds it; kernels' worker threads never record.
/// </summary>
internal static class GradMode
{
    [ThreadStatic] private static int t_noGradDepth;
    [ThreadStatic] private static bool t_forceEnabled;
    [ThreadStatic] private static int t_checkFiniteDepth;
    [ThreadStatic] private static List<HashSet<object>>? t_captureSinks;

    public static bool Enabled => t_noGradDepth == 0 || t_forceEnabled;
    [ThreadStatic] private static int t_backwardDepth;

    /// <summary>Forward results are checked, except inside a backward pass, which checks each VJP's result as a whole instead.</summary>
    public static bool CheckFinite => t_checkFiniteDepth > 0 && t_backwardDepth == 0;
    public static bool CheckFiniteInBackward => t_checkFiniteDepth > 0;
    public static BackwardScope Backward() { t_backwardDepth++; return new BackwardScope(); }
    /// <summary>Recomputation inside a backward pass (checkpoints) runs forward ops again; they are checked like forward ops.</summary>
    public static int SuspendBackward() { int d = t_backwardDepth; t_backwardDepth = 0; return d; }
    public static void ResumeBackward(int depth) => t_backwardDepth = depth;

    public readonly struct BackwardScope : IDisposable
    {
        public void Dispose() => t_backwardDepth--;
    }
    public static List<HashSet<object>>? CaptureSinks => t_captureSinks is { Count: > 0 } s ? s : null;

    public static Scope NoGrad() { var s = new Scope(t_noGradDepth, t_forceEnabled); t_noGradDepth++; t_forceEnabled = false; return s; }
    public static Scope EnableGrad() { var s = new Scope(t_noGradDepth, t_forceEnabled); t_noGradDepth = 0; t_forceEnabled = true; return s; }
    public static FiniteScope CheckFiniteScope() { t_checkFiniteDepth++; return new FiniteScope(); }

    public static void PushSink(HashSet<object> sink) => (t_captureSinks ??= []).Add(sink);
    public static void PopSink() => t_captureSinks!.RemoveAt(t_captureSinks.Count - 1);

    /// <summary>Restores the grad mode that was active when it was created.</summary>
    public readonly struct Scope(int depth, bool force) : IDisposable
    {
        public void Dispose() { t_noGradDepth = depth; t_forceEnabled = force; }
    }

    public readonly struct FiniteScope : IDisposable
    {
        public void Dispose() => t_checkFiniteDepth--;
    }
}
