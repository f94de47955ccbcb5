using BrainSharp.IO;

namespace BrainSharp.Tests.IO;

public class TraceAndSnapshotFileTests
{
    [Fact]
    public void TraceRoundTripKeepsShapeUnitAndTiming()
    {
        using var dir = new TempDir();
        var p = dir.File("traces.h5");
        var v = new StateTrace("E", "v", "mV", 0.1, 5, [0, 10, 20], Enumerable.Range(0, 12).Select(i => -65f + i).ToArray());
        var g = new StateTrace("E", "g_e", "nS", 0.2, 0, [3], [0.5f, 0.25f]);
        var iv = new StateTrace("I", "v", "mV", 0.1, 0, [1], [-60f]);
        TraceFile.Write(p, [v, g, iv]);
        var back = TraceFile.Read(p);
        Assert.Equal(3, back.Count);
        Assert.Equal("E", back[0].Population);
        Assert.Equal("v", back[0].Variable);
        Assert.Equal("mV", back[0].Unit);
        Assert.Equal(0.1, back[0].DtMs);
        Assert.Equal(5, back[0].T0Ms);
        Assert.Equal(4, back[0].Samples);
        Assert.Equal(v.Neurons, back[0].Neurons);
        Assert.Equal(v.Values, back[0].Values);
        Assert.Equal(-65f + 1 * 3 + 2, back[0][1, 2]);
        Assert.Equal("nS", back[1].Unit);
        Assert.Equal(g.Values, back[1].Values);
        Assert.Equal("I", back[2].Population);
    }

    [Fact]
    public void SnapshotRoundTripKeepsEveryTypeBitExactly()
    {
        using var dir = new TempDir();
        var p = dir.File("ckpt.h5");
        var s = new NetworkSnapshot(1234, 0.1);
        s.Arrays["E/v"] = new[] { -60.123456f, float.Epsilon, -0f };
        s.Arrays["E/g_e"] = new[] { 1e-30, Math.PI };
        s.Arrays["proj/EE/delay_ring"] = new[] { 1, -2, int.MaxValue };
        s.Arrays["rng/positions"] = new[] { ulong.MaxValue, 7UL };
        s.Arrays["clock/step"] = new[] { long.MinValue };
        s.Arrays["flags"] = new byte[] { 0, 255 };
        s.Arrays["empty"] = Array.Empty<float>();
        s.Attributes["model"] = "coba";
        s.Attributes["set"] = "we=0.6";
        SnapshotFile.Write(p, s);
        var b = SnapshotFile.Read(p);
        Assert.Equal(1234, b.Step);
        Assert.Equal(0.1, b.DtMs);
        Assert.Equal(123.4, b.TimeMs, 9);
        Assert.Equal(s.Arrays.Keys, b.Arrays.Keys);
        Assert.Equal(s.Get<float>("E/v").Select(BitConverter.SingleToInt32Bits), b.Get<float>("E/v").Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(s.Get<double>("E/g_e"), b.Get<double>("E/g_e"));
        Assert.Equal(s.Get<int>("proj/EE/delay_ring"), b.Get<int>("proj/EE/delay_ring"));
        Assert.Equal(s.Get<ulong>("rng/positions"), b.Get<ulong>("rng/positions"));
        Assert.Equal(s.Get<long>("clock/step"), b.Get<long>("clock/step"));
        Assert.Equal(s.Get<byte>("flags"), b.Get<byte>("flags"));
        Assert.Empty(b.Get<float>("empty"));
        Assert.Equal("coba", b.Attributes["model"]);
        Assert.Equal("we=0.6", b.Attributes["set"]);
    }

    [Fact]
    public void SnapshotGetNamesTheMissingPath()
    {
        var s = new NetworkSnapshot(0, 0.1);
        s.Arrays["E/v"] = new float[1];
        var ex = Assert.Throws<KeyNotFoundException>(() => s.Get<float>("I/v"));
        Assert.Contains("I/v", ex.Message);
        Assert.Throws<InvalidCastException>(() => s.Get<double>("E/v"));
    }

    [Fact]
    public void SnapshotFileWithoutStepAttributeIsReported()
    {
        using var dir = new TempDir();
        var p = dir.File("ck.h5");
        var f = new PureHDF.H5File();
        f.Attributes["format"] = SnapshotFile.Format;
        f.Attributes["dt_ms"] = 0.1;
        f["arrays"] = new PureHDF.H5Group();
        f.Write(p);
        var ex = Assert.Throws<DataFileException>(() => SnapshotFile.Read(p));
        Assert.Contains("ck.h5", ex.Message);
        Assert.Contains("'step'", ex.Message);
    }
}
