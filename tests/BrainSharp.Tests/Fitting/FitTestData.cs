using BrainSharp.Fitting;

namespace BrainSharp.Tests.Fitting;

/// <summary>
/// Locates the test data: the repository's own <c>data/</c> (a copy of the workspace's shared/data, so a bare clone
/// tests itself), else shared/data inside or beside the repository.
/// </summary>
internal static class FitTestData
{
    public static string SharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            foreach (var candidate in new[]
            {
                Path.Combine(dir.FullName, "data"), Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data"),
            })
                if (Directory.Exists(Path.Combine(candidate, "hh-tutorial"))) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("Test data (data/hh-tutorial) not found in or beside the repository.");
    }

    public static TraceData HhTutorial()
    {
        var dir = Path.Combine(SharedData(), "hh-tutorial");
        var currents = TraceCsv.Read(Path.Combine(dir, "input_traces_hh.csv"), scale: 1e12); // A -> pA
        var voltages = TraceCsv.Read(Path.Combine(dir, "output_traces_hh.csv"));
        return new TraceData(0.01, currents, voltages, "hh-tutorial");
    }

    /// <summary>The tutorial's search ranges, in nS: g_L [2 pS, 200 nS], g_Na [200 nS, 0.4 mS], g_Kd [200 nS, 200 uS].</summary>
    public static FitParameter[] HhTutorialRanges() =>
    [
        new("g_L", 0.002, 200), new("g_Na", 200, 400_000), new("g_Kd", 200, 200_000),
    ];
}
