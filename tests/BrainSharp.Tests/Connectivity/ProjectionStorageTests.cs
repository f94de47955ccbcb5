using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Connectivity;

/// <summary>The procedural connectors inside simcore's Projection: regenerated rows must give the same network as stored CSR.</summary>
public class ProjectionStorageTests
{
    private static long[] Run(Func<Connector> conn, ConnectivityStorage storage)
    {
        var net = new Network(seed: 5);
        var cell = new LifParams { IExt = 220 };                  // suprathreshold drive: v_inf = -60 + 22 mV
        var g = net.Add(new LifNeuron(400, cell, "N") { InitialV = Initializer.Uniform(-60, -50) });
        net.Add(new Projection(g, g, conn(), Initializer.Uniform(20, 60), new ExponentialSynapse(400, 5), new CurrentOutput()) { Storage = storage });
        net.Add(new Projection(g, g, conn(), -40.0, new ExponentialSynapse(400, 10), new CurrentOutput()) { Storage = storage, Seed = 99 });
        var m = net.Add(new SpikeMonitor(g));
        using var sim = new Simulator(net, 0.1);
        sim.Run(150);
        return (long[])m.SpikeCounts.Clone();
    }

    public static TheoryData<string> Connectors => ["outdegree", "gaussian", "grid", "alltoall"];

    private static Connector Make(string kind) => kind switch
    {
        "outdegree" => new FixedOutDegree(25),
        "gaussian" => new GaussianDistance(0.3, 3, NeuronPositions.Grid(20, 20, periodic: true)),
        "grid" => new GridNeighbours(20, 20, GridNeighbourhood.Moore, periodic: true, radius: 2),
        _ => new AllToAll(),
    };

    [Theory]
    [MemberData(nameof(Connectors))]
    public void ProceduralStorageReproducesCsr(string kind)
    {
        var csr = Run(() => Make(kind), ConnectivityStorage.Csr);
        var proc = Run(() => Make(kind), ConnectivityStorage.Procedural);
        Assert.True(csr.Sum() > 100, $"{kind}: only {csr.Sum()} spikes");
        Assert.Equal(csr, proc);
    }
}
