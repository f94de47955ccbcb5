using BrainSharp.Networks;
using BrainSharp.Running;
using Xunit.Abstractions;

namespace BrainSharp.Tests.Networks;

public class Wang2002Tests(ITestOutputHelper output)
{
    private (double A, double B) Trial(double coherence, ulong seed, double stimOff = 1000)
    {
        var model = new Wang2002();
        model.Set("coherence", coherence);
        model.Set("stim_on", 100);
        model.Set("stim_off", stimOff);
        var built = model.Build(2000, seed);
        using var sim = new Simulator(built.Network, 0.1);
        sim.Run(stimOff);
        var pre = model.SelectiveRates(built, 0, 100);
        var r = model.SelectiveRates(built, stimOff - 200, stimOff);
        output.WriteLine($"c' = {coherence} %, seed {seed}: spontaneous A {pre.A:F1} B {pre.B:F1} Hz; end of stimulus A {r.A:F1} Hz, B {r.B:F1} Hz");
        return r;
    }

    [Fact]
    public void HigherCoherenceGroupWins()
    {
        var t1 = Trial(51.2, 1);
        var t2 = Trial(-51.2, 2);
        Assert.True(t1.A > 2 * t1.B && t1.A > 15, $"trial 1: A {t1.A} Hz, B {t1.B} Hz");
        Assert.True(t2.B > 2 * t2.A && t2.B > 15, $"trial 2: A {t2.A} Hz, B {t2.B} Hz");
    }
}
