using BrainSharp.IO;
using BrainSharp.Tests.IO;

namespace BrainSharp.Tests.Cli;

public class PlotCommandTests
{
    [Fact]
    public void TracesFileGivesATraceFigure()
    {
        using var dir = new TempDir();
        var v = new StateTrace("E", "v", "mV", 0.1, 0, [0, 1], Enumerable.Range(0, 400).Select(i => (float)(-65 + (i % 37))).ToArray());
        TraceFile.Write(dir.File("traces.h5"), [v]);
        var (code, output, err) = CliRunner.Run("plot", dir.File("traces.h5"), "--format", "svg");
        Assert.True(code == 0, err);
        Assert.Contains("traces.svg", output);
        string svg = File.ReadAllText(dir.File("traces.svg"));
        Assert.Contains("v (mV)", svg);
        Assert.Contains("time (ms)", svg);
    }

    [Fact]
    public void CheckpointGivesTheRasterOfTheSpikesSoFar()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.Run("simulate", "cuba", "-n", "200", "-d", "40", "--checkpoint-every", "20", "--out", dir.Path).Code);
        var (code, output, err) = CliRunner.Run("plot", dir.File("checkpoint.h5"));
        Assert.True(code == 0, err);
        Assert.Contains("checkpoint-raster.png", output);
        Assert.True(new FileInfo(dir.File("checkpoint-raster.png")).Length > 1000);
    }

    [Fact]
    public void ForeignHdf5FileIsARuntimeFailureNamingTheFormat()
    {
        using var dir = new TempDir();
        var f = new PureHDF.H5File();
        f.Attributes["format"] = "someone.else";
        f["x"] = new PureHDF.H5Dataset(new[] { 1.0 }, fileDims: [1UL]);
        f.Write(dir.File("other.h5"));
        var (code, _, err) = CliRunner.Run("plot", dir.File("other.h5"));
        Assert.Equal(1, code);
        Assert.Contains("other.h5", err);
        Assert.Contains("someone.else", err);
    }

    [Fact]
    public void BadFormatOptionIsBadArguments()
    {
        var (code, _, err) = CliRunner.Run("plot", "x.h5", "--format", "gif");
        Assert.Equal(2, code);
        Assert.Contains("gif", err);
    }
}
