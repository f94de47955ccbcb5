using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace BrainSharp.Bench;

/// <summary>A summary column: work per operation (from the case's parameters) divided by the median time.</summary>
public sealed class ThroughputColumn : IColumn
{
    private readonly Func<BenchmarkCase, double> _workPerOp;
    private readonly double _unit;

    /// <summary><paramref name="workPerOp"/> in base units (FLOP, bytes); <paramref name="unit"/> scales the rate (1e9 for G).</summary>
    public ThroughputColumn(string name, Func<BenchmarkCase, double> workPerOp, double unit = 1e9)
    {
        ColumnName = name; Id = "Throughput." + name; _workPerOp = workPerOp; _unit = unit;
    }

    public string Id { get; }
    public string ColumnName { get; }
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{ColumnName} computed from the median time";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null) return "NA";
        double seconds = stats.Median * 1e-9;
        return (_workPerOp(benchmarkCase) / seconds / _unit).ToString("F2");
    }

    /// <summary>A short job (1 launch, 3 warm-ups, 5 measured iterations) so a whole class runs in a minute or two.</summary>
    public static ManualConfig ShortConfig(params IColumn[] columns)
    {
        var config = ManualConfig.CreateEmpty().AddJob(Job.ShortRun.WithIterationCount(5).WithWarmupCount(3));
        config.AddColumn(columns);
        return config;
    }

    /// <summary>Reads an integer [Params] value of a case.</summary>
    public static int Param(BenchmarkCase c, string name) => Convert.ToInt32(c.Parameters[name]);
}
