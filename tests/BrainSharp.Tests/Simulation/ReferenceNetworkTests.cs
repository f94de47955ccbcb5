using BrainSharp.Connectivity;
using BrainSharp.Networks;
using BrainSharp.Running;

namespace BrainSharp.Tests.Simulation;

public class ReferenceNetworkTests
{
    private static double Rate(string model, ConnectivityStorage storage = ConnectivityStorage.Csr, int neurons = 4000, double ms = 1000)
    {
        var built = ReferenceNetworks.Create(model).Build(neurons, seed: 1234, storage);
        using var sim = new Simulator(built.Network, 0.1);
        sim.Run(ms);
        return built.MeanRateHz;
    }

    [Fact]
    public void CobaRateMatchesBrian2()
    {
        // Brian2 2.5.1: 19.7-20.1 Hz (reference-cases.md); allow 15 %.
        double r = Rate("coba");
        Assert.InRange(r, 19.9 * 0.85, 19.9 * 1.15);
    }

    [Fact]
    public void CubaRateMatchesBrian2()
    {
        // Brian2 2.5.1: 5.5-5.7 Hz; allow 15 %.
        double r = Rate("cuba");
        Assert.InRange(r, 5.6 * 0.85, 5.6 * 1.15);
    }
}
