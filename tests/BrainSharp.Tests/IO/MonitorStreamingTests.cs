using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Inputs;
using BrainSharp.IO;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.IO;

/// <summary>Monitors streaming to .npz files against in-memory monitors recording the same run.</summary>
public class MonitorStreamingTests
{
    private static (Network Net, PoissonGroup Input, LifNeuron Lif) BuildNetwork()
    {
        var net = new Network(seed: 7);
        var input = net.Add(new PoissonGroup(400, 25, seed: 3));
        var lif = net.Add(new LifNeuron(100, LifParams.Coba, "E") { InitialV = Initializer.Uniform(-60, -50) });
        net.Add(new Projection(input, lif, new FixedProbability(0.1), 2.0, new ExponentialSynapse(100, tau: 5), new ConductanceOutput(0)));
        return (net, input, lif);
    }

    [Fact]
    public void LongRunStreamsExactlyWhatTheInMemoryMonitorsHoldWithinTheBufferBound()
    {
        using var dir = new TempDir();
        string spikePath = dir.File("input_spikes.npz"), vPath = dir.File("v.npz");
        var (net, input, lif) = BuildNetwork();
        var memSpikes = net.Add(new SpikeMonitor(input));
        var memV = net.Add(new StateMonitor(lif, "v", [0, 3, 50, 99], stride: 3));
        using var spikeSink = new NpzSpikeSink(spikePath);
        using var vSink = new NpzStateSink(vPath);
        var fileSpikes = net.Add(new SpikeMonitor(input, spikeSink, bufferSpikes: 500));
        var fileV = net.Add(new StateMonitor(lif, "v", vSink, [0, 3, 50, 99], stride: 3, bufferSamples: 128));

        using var sim = new Simulator(net, 0.1);
        int maxBufferedSpikes = 0, maxBufferedSamples = 0;
        for (int chunk = 0; chunk < 400; chunk++)   // 4 s = 40 000 steps
        {
            sim.Run(10);
            maxBufferedSpikes = Math.Max(maxBufferedSpikes, fileSpikes.BufferedSpikes);
            maxBufferedSamples = Math.Max(maxBufferedSamples, fileV.BufferedSamples);
        }
        Assert.False(File.Exists(spikePath));                 // nothing at the final name before completion
        fileSpikes.Complete();
        fileV.Complete();

        Assert.True(memSpikes.Count > 30_000, $"only {memSpikes.Count} spikes");
        Assert.True(maxBufferedSpikes <= 500 && fileSpikes.BufferCapacity == 500, $"buffer held {maxBufferedSpikes} spikes");
        Assert.True(maxBufferedSamples <= 128 && fileV.BufferCapacity == 128, $"buffer held {maxBufferedSamples} samples");
        Assert.True(spikeSink.ChunksWritten >= memSpikes.Count / 500, $"{spikeSink.ChunksWritten} chunks");
        Assert.True(vSink.ChunksWritten >= memV.Samples / 128);

        var s = MonitorStreamFile.ReadSpikes(spikePath);
        Assert.Equal(400, s.Size);
        Assert.Equal(0.1, s.DtMs);
        Assert.Equal(memSpikes.Indices.ToArray(), s.Indices);
        Assert.Equal(memSpikes.Steps.ToArray().Select(x => (long)x).ToArray(), s.Steps);
        Assert.Equal(memSpikes.GetTimes(), s.Times());
        Assert.Equal(memSpikes.TotalSpikes, fileSpikes.TotalSpikes);

        var v = MonitorStreamFile.ReadStates(vPath);
        Assert.Equal([0, 3, 50, 99], v.Units);
        Assert.Equal(3, v.Stride);
        Assert.Equal(memV.Samples, v.Samples);
        Assert.Equal(memV.Samples, fileV.Samples);
        for (int k = 0; k < v.Samples; k++)
        {
            Assert.Equal(memV.TimeOf(k), (v.SampleSteps[k] + 1) * v.DtMs, 9);
            Assert.True(memV.Sample(k).SequenceEqual(v.Sample(k)), $"sample {k} differs");
        }
        // only the two archives remain: the chunk files were removed
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
        Assert.Throws<InvalidOperationException>(() => fileV.Sample(0));
    }

    [Fact]
    public void AbandonedStreamLeavesNoFileAndKeepsThePreviousOne()
    {
        using var dir = new TempDir();
        string path = dir.File("spikes.npz");
        File.WriteAllText(path, "previous");
        var (net, input, _) = BuildNetwork();
        using (var sink = new NpzSpikeSink(path))
        {
            net.Add(new SpikeMonitor(input, sink, bufferSpikes: 64));
            using var sim = new Simulator(net, 0.1);
            sim.Run(50);
        }
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void BadBufferSizeThrowsNamingIt()
    {
        var (_, input, lif) = BuildNetwork();
        using var dir = new TempDir();
        using var sink = new NpzSpikeSink(dir.File("a.npz"));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeMonitor(input, sink, bufferSpikes: 0));
        Assert.Contains("bufferSpikes", e.Message);
        using var vs = new NpzStateSink(dir.File("b.npz"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StateMonitor(lif, "v", vs, bufferSamples: -1));
    }
}
