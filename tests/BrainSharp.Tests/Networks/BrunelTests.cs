using BrainSharp.Networks;
using BrainSharp.Running;
using Xunit.Abstractions;

namespace BrainSharp.Tests.Networks;

public class BrunelTests(ITestOutputHelper output)
{
    private (double rateE, double chi, double cv) Run(Brunel model, int neurons, double ms)
    {
        var built = model.Build(neurons, seed: 11);
        using var sim = new Simulator(built.Network, 0.1);
        sim.Run(ms);
        var m = built.Monitor("E");
        long from = (long)(100 / 0.1);                                      // skip the first 100 ms
        double chi = Brunel.Synchrony(m, 1000, binSteps: 5, fromStep: from);
        // Mean coefficient of variation of the interspike intervals (irregularity) over neurons with >= 3 spikes.
        double cvSum = 0; int cvN = 0;
        for (int n = 0; n < 1000; n++)
        {
            var t = m.TimesOf(n).Where(x => x >= 100).ToArray();
            if (t.Length < 3) continue;
            var isi = t.Zip(t.Skip(1), (a, b) => b - a).ToArray();
            double mu = isi.Average(), sd = Math.Sqrt(isi.Select(x => (x - mu) * (x - mu)).Average());
            cvSum += sd / mu; cvN++;
        }
        double cv = cvN > 0 ? cvSum / cvN : double.NaN;
        output.WriteLine($"g={model.Get("g")} eta={model.Get("eta")} N={neurons}: rate E {m.MeanRateHz:F1} Hz, chi^2 {chi:F4}, CV {cv:F2}");
        return (m.MeanRateHz, chi, cv);
    }

    [Fact]
    public void SynchronousRegularAndAsynchronousIrregularAreToldApart()
    {
        var sr = Run(Brunel.SynchronousRegular(), 5000, 300);
        var ai = Run(Brunel.AsynchronousIrregular(), 5000, 300);
        // SR: synchronized (chi^2 of order 0.1-1) and regular; AI: chi^2 near 1/N_sample, irregular ISIs.
        Assert.True(sr.chi > 10 * ai.chi, $"chi^2 SR {sr.chi} vs AI {ai.chi}");
        Assert.True(sr.chi > 0.1, $"chi^2 SR {sr.chi}");
        Assert.True(ai.chi < 0.03, $"chi^2 AI {ai.chi}");
        Assert.True(sr.cv < 0.2, $"CV SR {sr.cv}");
        Assert.True(ai.cv > 0.4, $"CV AI {ai.cv}");
        Assert.True(sr.rateE > ai.rateE, $"rates SR {sr.rateE} vs AI {ai.rateE}");
    }

    [Fact]
    public void SameSpikesForAnyThreadCount()
    {
        long[] Counts(int threads)
        {
            var built = Brunel.AsynchronousIrregular().Build(1000, seed: 3, threads: threads);
            using var sim = new Simulator(built.Network, 0.1);
            sim.Run(100);
            return built.SpikeMonitors.SelectMany(m => m.SpikeCounts).ToArray();
        }
        var one = Counts(1);
        Assert.True(one.Sum() > 100);
        Assert.Equal(one, Counts(2));
    }
}
