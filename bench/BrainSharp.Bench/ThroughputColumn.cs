using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace BrainSharp.Bench;

/// <summary>A summary column: work per operation (from the case's parameters) divided by the median time.</summary>
public sealed class ThroughputColumn : IColumn
{
    private readonly Func<BenchmarkCase, double, double> _value;

    /// <summary>A rate: <paramref name="workPerOp"/> in base units (FLOP, bytes) per median second, divided by <paramref name="unit"/> (1e9 for G).</summary>
    public ThroughputColumn(string name, Func<BenchmarkCase, double> workPerOp, double unit = 1e9)
        : this(name, (c, seconds) => workPerOp(c) / seconds / unit) { }

    /// <summary>Any figure computed from the case and its median time in seconds.</summary>
    public ThroughputColumn(string name, Func<BenchmarkCase, double, double> value)
    {
        ColumnName = name; Id = "Throughput." + name; _value = value;
    }

    public string Id { get; }
    public string ColumnName { get; }
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{ColumnName}, computed from the median time";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null) return "NA";
        return _value(benchmarkCase, stats.Median * 1e-9).ToString("G4");
    }

    /// <summary>A short job (3 warm-ups, 5 measured iterations) run in-process, so a whole class takes a minute or two
    /// and no boilerplate project has to be built (which timed out on the shared build machine).</summary>
    public static ManualConfig ShortConfig(params IColumn[] columns)
    {
        var config = ManualConfig.CreateEmpty().AddJob(Job.ShortRun.WithIterationCount(5).WithWarmupCount(3)
            .WithToolchain(InProcessEmitToolchain.Instance));
        config.AddColumn(StatisticColumn.Median);
        config.AddColumn(columns);
        return config;
    }

    /// <summary>Reads an integer [Params] value of a case.</summary>
    public static int Param(BenchmarkCase c, string name) => Convert.ToInt32(c.Parameters[name]);
}
