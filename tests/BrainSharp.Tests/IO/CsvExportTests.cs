using System.Globalization;
using BrainSharp.IO;

namespace BrainSharp.Tests.IO;

public class CsvExportTests
{
    [Fact]
    public void SpikesCsvHasOneRowPerSpikeAndParsesBack()
    {
        using var dir = new TempDir();
        var rec = new SpikeRecording([new SpikeTrain("E", 4, [1, 3], [0.1, 12.3]), new SpikeTrain("I", 2, [0], [5])], 20, 0.1);
        var p = dir.File("s.csv");
        CsvExport.WriteSpikes(p, rec);
        var lines = File.ReadAllLines(p);
        Assert.Equal("population,neuron,time_ms", lines[0]);
        Assert.Equal(4, lines.Length);
        var row = lines[2].Split(',');
        Assert.Equal("E", row[0]);
        Assert.Equal(3, int.Parse(row[1], CultureInfo.InvariantCulture));
        Assert.Equal(12.3, double.Parse(row[2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TraceCsvRowsAreTimeThenNeurons()
    {
        using var dir = new TempDir();
        var tr = new StateTrace("E", "v", "mV", 0.25, 10, [5, 9], [-65f, -64.5f, -60f, -59.75f]);
        var p = dir.File("v.csv");
        CsvExport.WriteTrace(p, tr);
        var lines = File.ReadAllLines(p);
        Assert.Equal("time_ms,E.v[5] (mV),E.v[9] (mV)", lines[0]);
        Assert.Equal("10.25,-60,-59.75", lines[2]);
    }
}
