using BrainSharp.Fitting;

namespace BrainSharp.Tests.Fitting;

/// <summary>Locates shared/data beside the repository (CI lays a copy of shared/ next to the clone).</summary>
internal static class FitTestData
{
    public static string SharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
            candidate = Path.Combine(dir.FullName, "..", "shared", "data");
            if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("shared/data not found beside the repository.");
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
