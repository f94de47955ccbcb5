using System.Runtime.Intrinsics;
using BrainSharp.Dynamics;
using BrainSharp.Neurons;
using BrainSharp.Numerics.Kernels;

namespace BrainSharp.Tests.Neurons;

/// <summary>
/// The fused float32 SIMD exponential-Euler kernel of <see cref="TraubMilesNeuron"/> against its per-neuron float64 path,
/// and the float exponential it rests on against <see cref="Math.Exp"/>.
/// </summary>
public class TraubMilesSimdTests
{
    private const int Cells = 37; // two full Vector256 blocks plus a tail of 5 (Vector512: two blocks, tail 5)

    /// <summary>Different drive per cell: quiet, tonically firing, strongly driven and shunted, plus starts on the rate singularities.</summary>
    private static TraubMilesNeuron Make(bool simd, bool brian2Rule = false)
    {
        var g = new TraubMilesNeuron(Cells, TraubMilesParams.Cobahh with { SpikeWhileAboveThreshold = brian2Rule }) { UseSimd = simd };
        // v = V_T + 13, V_T + 40, V_T + 15 mV: the removable singularities of alpha_m, beta_m, alpha_n.
        g.V[3] = -50f; g.V[10] = -23f; g.V[20] = -48f;
        return g;
    }

    private static void Drive(TraubMilesNeuron g, double t)
    {
        for (int k = 0; k < Cells; k++)
        {
            g.InputCurrent[k] = (float)(60.0 * k * (1 + 0.3 * Math.Sin(t / (5.0 + k))));
            if (k == Cells - 1 && t > 100 && t < 120) g.InputCurrent[k] = 1e6f; // 1 uA: held above threshold for 20 ms
            if (k % 4 == 1)
            {
                const float gIn = 30f, eIn = -80f; // nS, mV: an inhibitory conductance on every fourth cell
                g.InputConductance[k] = gIn;
                g.InputCurrent[k] += gIn * eIn;
            }
        }
    }

    private static (List<double>[] spikes, float[][] traces) Run(TraubMilesNeuron g, double tEnd, double dt = 0.1)
    {
        var clock = new Clock(dt);
        long steps = (long)Math.Round(tEnd / dt);
        var spikes = new List<double>[Cells];
        for (int k = 0; k < Cells; k++) spikes[k] = [];
        var traces = new float[steps][];
        for (long s = 0; s < steps; s++)
        {
            clock.Step = s;
            Drive(g, clock.T);
            g.Update(clock);
            foreach (int k in g.Spikes.Current) spikes[k].Add(clock.T);
            traces[s] = (float[])g.V.Clone();
        }
        return (spikes, traces);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SimdPath_MatchesScalarFloat64Path_ForDifferentlyDrivenCells(bool brian2Rule)
    {
        var (sSimd, vSimd) = Run(Make(simd: true, brian2Rule), 200);
        var (sRef, vRef) = Run(Make(simd: false, brian2Rule), 200);
        int firing = 0;
        for (int k = 0; k < Cells; k++)
        {
            Assert.True(sRef[k].Count == sSimd[k].Count, $"cell {k}: {sSimd[k].Count} spikes (SIMD) vs {sRef[k].Count} (scalar)");
            for (int j = 0; j < sRef[k].Count; j++)
                Assert.True(Math.Abs(sSimd[k][j] - sRef[k][j]) <= 0.1 + 1e-9, $"cell {k} spike {j}: {sSimd[k][j]} vs {sRef[k][j]} ms");
            if (sRef[k].Count >= 5) firing++;
        }
        Assert.True(firing >= 20, $"only {firing} cells fire regularly; the comparison would not exercise spikes");
        Assert.True(sRef[0].Count < sRef[^2].Count);
        // The last cell is held above threshold from 100 to 120 ms: Brian2's rule fires every 3 ms there, the crossing rule at most once.
        int held = sRef[^1].Count(t => t > 100 && t < 120);
        Assert.True(brian2Rule ? held >= 5 : held <= 1, $"{held} spikes while held above threshold");
        double maxDiff = 0;
        for (int s = 0; s < vRef.Length; s++)
            for (int k = 0; k < Cells; k++)
            {
                Assert.True(float.IsFinite(vSimd[s][k]), $"cell {k} step {s}: v = {vSimd[s][k]}");
                maxDiff = Math.Max(maxDiff, Math.Abs(vSimd[s][k] - vRef[s][k]));
            }
        Assert.True(maxDiff < 0.5, $"max |v_simd - v_scalar| = {maxDiff} mV");
    }

    [Fact]
    public void SimdPath_SingleDrivenCell_TracksScalarTrace()
    {
        var a = new TraubMilesNeuron(1);
        var b = new TraubMilesNeuron(1) { UseSimd = false };
        var ta = new List<float>();
        var tb = new List<float>();
        var sa = NeuronTestUtil.Run(a, 0.1, 200, t => t < 20 ? 0 : 800, trace: ta);
        var sb = NeuronTestUtil.Run(b, 0.1, 200, t => t < 20 ? 0 : 800, trace: tb);
        Assert.True(sb.Count >= 10, $"scalar path fired {sb.Count} spikes");
        Assert.Equal(sb.Count, sa.Count);
        for (int j = 0; j < sb.Count; j++) Assert.True(Math.Abs(sa[j] - sb[j]) <= 0.1 + 1e-9, $"spike {j}: {sa[j]} vs {sb[j]}");
        for (int s = 0; s < ta.Count; s++) Assert.True(Math.Abs(ta[s] - tb[s]) < 0.5, $"step {s}: {ta[s]} vs {tb[s]} mV");
    }

    [Fact]
    public void RangeSplit_GivesIdenticalState_AndSpikesInNeuronOrder()
    {
        var whole = Make(simd: true);
        var split = Make(simd: true);
        var clock = new Clock(0.1);
        var buf = new int[Cells];
        for (long s = 0; s < 1500; s++)
        {
            clock.Step = s;
            Drive(whole, clock.T); Drive(split, clock.T);
            whole.Update(clock);
            // Two "threads": a 16-aligned boundary as Partition makes, each writing its own segment.
            int c0 = split.UpdateRange(clock, 0, 16, buf);
            int c1 = split.UpdateRange(clock, 16, Cells, buf.AsSpan(c0));
            Assert.Equal(whole.Spikes.Current.ToArray(), buf[..(c0 + c1)]);
            for (int i = 1; i < whole.Spikes.Count; i++) Assert.True(whole.Spikes.Indices[i - 1] < whole.Spikes.Indices[i]);
        }
        Assert.Equal(whole.V, split.V);
        Assert.Equal(whole.M, split.M);
        Assert.Equal(whole.N, split.N);
        Assert.Equal(whole.RefractoryCountdown, split.RefractoryCountdown);
    }

    [Fact]
    public void Vector512AndVector256Kernels_GiveIdenticalState()
    {
        // Where AVX-512 is absent the Vector512 kernel runs in software; either way each lane must see the same arithmetic.
        var a = Make(simd: true);
        var b = Make(simd: true);
        a.Wide = true; b.Wide = false;
        var clock = new Clock(0.1);
        for (long s = 0; s < 600; s++)
        {
            clock.Step = s;
            Drive(a, clock.T); Drive(b, clock.T);
            a.Update(clock); b.Update(clock);
            Assert.Equal(b.Spikes.Current.ToArray(), a.Spikes.Current.ToArray());
        }
        Assert.Equal(b.V, a.V);
        Assert.Equal(b.M, a.M);
        Assert.Equal(b.H, a.H);
        Assert.Equal(b.N, a.N);
    }

    [Fact]
    public void SimdStep_DoesNotAllocate()
    {
        var g = Make(simd: true);
        var clock = new Clock(0.1);
        for (int s = 0; s < 10; s++) { clock.Step = s; Drive(g, clock.T); g.Update(clock); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 10; s < 200; s++) { clock.Step = s; g.Update(clock); }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void FastExp_MatchesMathExp_AndSaturatesFinite()
    {
        double maxRel = 0;
        var x = new float[16];
        for (int j = 0; j < 4000; j++)
        {
            for (int l = 0; l < 16; l++) x[l] = -87f + 175f * (j * 16 + l) / (4000f * 16);
            var r256 = FastExp.Exp(Vector256.Create(x.AsSpan(0, 8)));
            var r512 = FastExp.Exp(Vector512.Create(x));
            for (int l = 0; l < 16; l++)
            {
                float got = l < 8 ? r256[l] : r512[l];
                Assert.Equal(r512[l], l < 8 ? r256[l] : r512[l]); // same arithmetic whatever the width
                double want = Math.Exp(x[l]);
                maxRel = Math.Max(maxRel, Math.Abs(got - want) / want);
            }
        }
        Assert.True(maxRel < 5e-7, $"max relative error {maxRel}");
        var big = FastExp.Exp(Vector256.Create(500f));
        var small = FastExp.Exp(Vector256.Create(-500f));
        Assert.True(float.IsFinite(big[0]) && big[0] > 1e38f, $"exp(500) -> {big[0]}");
        Assert.True(small[0] >= 0 && small[0] < 1e-37f, $"exp(-500) -> {small[0]}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-7)]
    [InlineData(-3e-4)]
    [InlineData(0.4999)]
    [InlineData(-0.5001)]
    [InlineData(2.5)]
    [InlineData(-30)]
    [InlineData(60)]
    [InlineData(200)]
    [InlineData(-200)]
    public void XOverExpm1_AndPhi1_AreStableThroughZero(double x)
    {
        // Independent float64 references via expm1 written as a series near 0.
        double em1 = Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1;
        double bern = x == 0 ? 1 : x / em1, phi = x == 0 ? 1 : em1 / x;
        float b = FastExp.XOverExpm1(Vector256.Create((float)x))[0];
        float p = FastExp.Phi1(Vector256.Create((float)x))[0];
        Assert.Equal(b, FastExp.XOverExpm1(Vector512.Create((float)x))[0]);
        Assert.True(float.IsFinite(b), $"x/(e^x-1) at {x}: {b}");
        if (x < 85) Assert.True(Math.Abs(b - bern) <= 1e-6 * bern, $"x/(e^x-1) at {x}: {b} vs {bern}");
        else Assert.InRange(b, 0f, 1e-35f); // e^x saturates near 2.4e38: the rate still vanishes, without inf/NaN
        if (x < 80) Assert.True(Math.Abs(p - phi) <= 1e-6 * phi, $"phi1 at {x}: {p} vs {phi}");
    }
}
