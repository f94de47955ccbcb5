using BrainSharp.Integrators;
using BrainSharp.Neurons;

namespace BrainSharp.Tests.Neurons;

/// <summary>Naud et al. (2008) firing patterns under the step currents of their Fig. 4.</summary>
public class AdExNeuronTests
{
    private static List<double> Isis(AdExParams p, double current, OdeMethod m = OdeMethod.ExponentialEuler, double dt = 0.1, double tEnd = 600)
        => NeuronTestUtil.Isis(NeuronTestUtil.Run(new AdExNeuron(1, p, method: m), dt, tEnd, _ => current));

    /// <summary>Naud et al.'s adaptation index: mean of (ISI_i - ISI_{i-1}) / (ISI_i + ISI_{i-1}) over ISIs from index k on.</summary>
    private static double AdaptationIndex(List<double> isi, int k)
    {
        double s = 0; int n = 0;
        for (int i = Math.Max(k, 1); i < isi.Count; i++) { s += (isi[i] - isi[i - 1]) / (isi[i] + isi[i - 1]); n++; }
        return s / n;
    }

    [Fact]
    public void Tonic_RegularFiringAfterShortTransient()
    {
        var isi = Isis(AdExParams.NaudTonic, 500);
        Assert.True(isi.Count > 30);
        Assert.InRange(AdaptationIndex(isi, 4), -0.005, 0.005);
        Assert.True(isi[^1] / isi[0] < 1.15, $"tonic: first {isi[0]}, last {isi[^1]}");
    }

    [Fact]
    public void Adapting_IntervalsGrowSeveralFold()
    {
        var isi = Isis(AdExParams.NaudAdapting, 500);
        double index = AdaptationIndex(isi.Take(7).ToList(), 0); // over the transient, where adaptation acts
        Assert.True(index > 0.1, $"adaptation index {index}");
        Assert.True(isi[^1] / isi[0] > 4, $"first {isi[0]}, last {isi[^1]}");
        for (int i = 1; i < isi.Count; i++) Assert.True(isi[i] >= isi[i - 1] - 0.2);
    }

    [Fact]
    public void InitialBurst_ThenRegularSpiking()
    {
        var isi = Isis(AdExParams.NaudInitialBurst, 400);
        Assert.True(isi[0] < 10 && isi[1] < 10, $"burst ISIs {isi[0]}, {isi[1]}");
        var late = isi.Skip(3).ToList();
        Assert.True(late.All(x => x > 40), "regular single spikes after the burst");
        Assert.True(late.Max() - late.Min() < 0.05 * late.Average() + 0.2);
    }

    [Fact]
    public void RegularBursting_AlternatesBurstsAndPauses()
    {
        var isi = Isis(AdExParams.NaudRegularBursting, 210, tEnd: 1000);
        var pauses = isi.Where(x => x > 80).ToList();
        Assert.True(pauses.Count >= 4, $"{pauses.Count} pauses");
        Assert.True(isi.All(x => x < 15 || x > 80), "ISIs are either intra-burst or pauses");
        // Bursts of at least two spikes: no two pauses in a row.
        for (int i = 1; i < isi.Count; i++) Assert.False(isi[i] > 80 && isi[i - 1] > 80);
    }

    [Fact]
    public void ExponentialEulerAgreesWithFineRk4()
    {
        var coarse = Isis(AdExParams.NaudAdapting, 500);
        var fine = Isis(AdExParams.NaudAdapting, 500, OdeMethod.RungeKutta4, 0.01);
        Assert.Equal(fine.Count, coarse.Count);
        for (int i = 0; i < fine.Count; i++) Assert.True(Math.Abs(fine[i] - coarse[i]) < 0.02 * fine[i] + 0.2, $"ISI {i}: {coarse[i]} vs {fine[i]}");
    }

    [Fact]
    public void Refractory_ClampsVoltageAtReset()
    {
        var g = new AdExNeuron(1, AdExParams.NaudTonic with { Refractory = 2 });
        var trace = new List<float>();
        var spikes = NeuronTestUtil.Run(g, 0.1, 100, _ => 500, trace: trace);
        int k = (int)Math.Round(spikes[0] / 0.1);
        for (int j = 0; j < 20; j++) Assert.Equal(-58f, trace[k + j]); // spike step + 19 clamped updates (Brian2 count)
        Assert.NotEqual(-58f, trace[k + 20]);
    }

    [Fact]
    public void ExpIf_RheobaseMatchesClosedForm()
    {
        // EIF rheobase: min over v of the leak + exponential current is at v = V_T, so I_rh = g_L (V_T - E_L - Delta_T).
        var p = new ExpIfParams();
        double rheobase = p.GL * (p.VT - p.EL - p.DeltaT);
        Assert.Equal(rheobase, p.Rheobase, 9);
        Assert.Empty(NeuronTestUtil.Run(new ExpIfNeuron(1), 0.1, 1000, _ => 0.99 * rheobase));
        Assert.NotEmpty(NeuronTestUtil.Run(new ExpIfNeuron(1), 0.1, 1000, _ => 1.02 * rheobase));
    }
}
