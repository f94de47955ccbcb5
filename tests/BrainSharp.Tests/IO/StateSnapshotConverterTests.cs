using BrainSharp.Dynamics;
using BrainSharp.IO;
using BrainSharp.Networks;
using BrainSharp.Running;

namespace BrainSharp.Tests.IO;

public class StateSnapshotConverterTests
{
    static byte[] Bytes(StateSnapshot s) { using var ms = new MemoryStream(); s.WriteTo(ms); return ms.ToArray(); }

    [Fact]
    public void HandMadeSnapshotSurvivesHdf5BitForBit()
    {
        var s = new StateSnapshot { Step = 77, Dt = 0.05 };
        s.Put(new[] { 1.5f, float.NaN, -0f });
        s.Put(new[] { 3, -4 });
        s.Put(ulong.MaxValue - 5);
        s.Put(ReadOnlySpan<float>.Empty);
        using var dir = new TempDir();
        SnapshotFile.Write(dir.File("s.h5"), StateSnapshotConverter.ToNetworkSnapshot(s));
        var back = StateSnapshotConverter.ToStateSnapshot(SnapshotFile.Read(dir.File("s.h5")));
        Assert.Equal(Bytes(s), Bytes(back));
    }

    [Fact]
    public void NetworkRestoredFromFileContinuesLikeTheOriginal()
    {
        var a = ReferenceNetworks.Create("cuba").Build(200, 5);
        using var simA = new Simulator(a.Network, 0.1);
        simA.Run(20);
        using var dir = new TempDir();
        SnapshotFile.Write(dir.File("c.h5"), StateSnapshotConverter.ToNetworkSnapshot(simA.Snapshot()));
        simA.Run(30);

        var b = ReferenceNetworks.Create("cuba").Build(200, 5);
        using var simB = new Simulator(b.Network, 0.1);
        simB.Restore(StateSnapshotConverter.ToStateSnapshot(SnapshotFile.Read(dir.File("c.h5"))));
        simB.Run(30);
        Assert.Equal(Bytes(simA.Snapshot()), Bytes(simB.Snapshot()));
        var vA = a.Populations[0].V; var vB = b.Populations[0].V;
        Assert.Equal(vA, vB);
    }
}
