using BrainSharp.IO;

namespace BrainSharp.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void SuccessfulWriteLeavesOnlyTheFinalFile()
    {
        using var dir = new TempDir();
        var p = dir.File("a.txt");
        AtomicFile.WriteAllText(p, "hello");
        Assert.Equal("hello", File.ReadAllText(p));
        Assert.Equal([p], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ThrowingWriterKeepsThePreviousFileAndLeavesNoTemp()
    {
        using var dir = new TempDir();
        var p = dir.File("a.txt");
        File.WriteAllText(p, "previous");
        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteStream(p, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("disk on fire");
        }));
        Assert.Equal("disk on fire", ex.Message);
        Assert.Equal("previous", File.ReadAllText(p));
        Assert.Equal([p], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ThrowingHdf5WriteKeepsThePreviousSpikeFile()
    {
        using var dir = new TempDir();
        var p = dir.File("spikes.h5");
        SpikeFile.Write(p, new SpikeRecording([new SpikeTrain("E", 3, [1], [0.5])], 1, 0.1));
        // A population name with '/' makes the writer throw before anything reaches the final name.
        Assert.Throws<ArgumentException>(() => SpikeFile.Write(p, new SpikeRecording([new SpikeTrain("E/x", 3, [2], [0.7])], 1, 0.1)));
        var back = SpikeFile.Read(p);
        Assert.Equal(new[] { 1 }, back["E"].Indices);
        Assert.Equal([p], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void WriterThatProducesNoFileIsAnError()
    {
        using var dir = new TempDir();
        Assert.Throws<IOException>(() => AtomicFile.Write(dir.File("x"), _ => { }));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
