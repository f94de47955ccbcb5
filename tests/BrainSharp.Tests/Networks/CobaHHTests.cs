using BrainSharp.Networks;
using BrainSharp.Running;
using Xunit.Abstractions;

namespace BrainSharp.Tests.Networks;

public class CobaHHTests(ITestOutputHelper output)
{
    [Fact]
    public void MeanRateMatchesBrian2()
    {
        // Brian2 2.5.1, examples/COBAHH.py, 4000 neurons, 1 s: 36.8-37.4 Hz (reference-cases.md); allow 15 %.
        var built = ReferenceNetworks.Create("cobahh").Build(4000, seed: 7);
        using var sim = new Simulator(built.Network, 0.1);
        sim.Run(1000);
        double r = built.MeanRateHz;
        output.WriteLine($"COBAHH 4000 neurons, 1 s: {r:F2} Hz");
        Assert.InRange(r, 37.1 * 0.85, 37.1 * 1.15);
    }
}
