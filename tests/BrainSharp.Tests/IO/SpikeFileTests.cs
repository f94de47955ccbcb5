using BrainSharp.IO;

namespace BrainSharp.Tests.IO;

public class SpikeFileTests
{
    static SpikeRecording Sample()
    {
        var e = new SpikeTrain("E", 5, [0, 3, 4, 3], [0.1, 0.1, 2.5, 7.25]);
        var i = new SpikeTrain("I", 2, [], []);
        var meta = new Dictionary<string, string> { ["model"] = "coba", ["seed"] = "42" };
        return new SpikeRecording([e, i], 10, 0.1, meta);
    }

    [Fact]
    public void RoundTripPreservesEverySpikeAndTheMetadata()
    {
        using var dir = new TempDir();
        var path = dir.File("spikes.h5");
        SpikeFile.Write(path, Sample());
        var r = SpikeFile.Read(path);
        Assert.Equal(10, r.DurationMs);
        Assert.Equal(0.1, r.DtMs);
        Assert.Equal(["E", "I"], r.Populations.Select(p => p.Population));
        Assert.Equal(new[] { 0, 3, 4, 3 }, r["E"].Indices);
        Assert.Equal(new[] { 0.1, 0.1, 2.5, 7.25 }, r["E"].Times);
        Assert.Equal(5, r["E"].Size);
        Assert.Empty(r["I"].Indices);
        Assert.Equal(2, r["I"].Size);
        Assert.Equal("coba", r.Metadata["model"]);
        Assert.Equal("42", r.Metadata["seed"]);
        Assert.Equal(4, r.TotalSpikes);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void MissingFileNamesTheFile()
    {
        using var dir = new TempDir();
        var path = dir.File("nope.h5");
        var ex = Assert.Throws<DataFileException>(() => SpikeFile.Read(path));
        Assert.Contains("nope.h5", ex.Message);
        Assert.Contains("not found", ex.Message);
    }

    [Fact]
    public void GarbageFileIsRejectedWithItsName()
    {
        using var dir = new TempDir();
        var path = dir.File("junk.h5");
        File.WriteAllText(path, "this is not HDF5");
        var ex = Assert.Throws<DataFileException>(() => SpikeFile.Read(path));
        Assert.Contains("junk.h5", ex.Message);
        Assert.Contains("HDF5", ex.Message);
    }

    [Fact]
    public void WrongKindOfHdf5FileSaysWhichFormatWasExpected()
    {
        using var dir = new TempDir();
        var path = dir.File("trace.h5");
        TraceFile.Write(path, [new StateTrace("E", "v", "mV", 0.1, 0, [0], [1f, 2f])]);
        var ex = Assert.Throws<DataFileException>(() => SpikeFile.Read(path));
        Assert.Contains("brainsharp.spikes", ex.Message);
    }

    [Fact]
    public void MissingDatasetIsNamed()
    {
        using var dir = new TempDir();
        var path = dir.File("broken.h5");
        // A structurally valid spikes file whose population group lacks 'times'.
        var f = new PureHDF.H5File();
        f.Attributes["format"] = SpikeFile.Format;
        f.Attributes["duration_ms"] = 1.0;
        f.Attributes["dt_ms"] = 0.1;
        f.Attributes["populations"] = "E";
        var g = new PureHDF.H5Group();
        g.Attributes["size"] = 3;
        g["indices"] = new PureHDF.H5Dataset(new[] { 1, 2 }, fileDims: [2UL]);
        f["spikes"] = new PureHDF.H5Group { ["E"] = g };
        f.Write(path);
        var ex = Assert.Throws<DataFileException>(() => SpikeFile.Read(path));
        Assert.Contains("broken.h5", ex.Message);
        Assert.Contains("/spikes/E/times", ex.Message);
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public void OutOfRangeIndexInFileIsReported()
    {
        using var dir = new TempDir();
        var path = dir.File("bad.h5");
        var f = new PureHDF.H5File();
        f.Attributes["format"] = SpikeFile.Format;
        f.Attributes["duration_ms"] = 1.0;
        f.Attributes["dt_ms"] = 0.1;
        f.Attributes["populations"] = "E";
        var g = new PureHDF.H5Group();
        g.Attributes["size"] = 3;
        g["indices"] = new PureHDF.H5Dataset(new[] { 1, 7 }, fileDims: [2UL]);
        g["times"] = new PureHDF.H5Dataset(new[] { 0.5, 0.6 }, fileDims: [2UL]);
        f["spikes"] = new PureHDF.H5Group { ["E"] = g };
        f.Write(path);
        var ex = Assert.Throws<DataFileException>(() => SpikeFile.Read(path));
        Assert.Contains("7", ex.Message);
        Assert.Contains("/spikes/E", ex.Message);
    }
}
