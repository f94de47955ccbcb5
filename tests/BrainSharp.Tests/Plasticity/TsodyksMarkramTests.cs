using BrainSharp.Dynamics;
using BrainSharp.Plasticity;

namespace BrainSharp.Tests.Plasticity;

public class TsodyksMarkramTests
{
    private static float[] Train(TsodyksMarkram stp, double[] times, int neuron = 0, int nPre = 3)
    {
        stp.Build(nPre, new Clock(0.1));
        var eff = new float[times.Length];
        var buf = new float[1];
        for (int n = 0; n < times.Length; n++) { stp.OnSpikes([neuron], times[n], buf); eff[n] = buf[0]; }
        return eff;
    }

    [Theory]
    [InlineData(0.5, 800, 0, 25)]      // depressing
    [InlineData(0.1, 100, 1000, 20)]   // facilitating
    [InlineData(0.3, 300, 300, 50)]    // mixed
    public void RegularTrain_MatchesAnalyticRecursionAndSteadyState(double U, double tauD, double tauF, double isi)
    {
        int nSpikes = 200;
        var times = Enumerable.Range(0, nSpikes).Select(n => 10 + n * isi).ToArray();
        var eff = Train(new TsodyksMarkram(U, tauD, tauF), times, neuron: 1);
        double q = (tauF > 0 ? Math.Exp(-isi / tauF) : 0) * (1 - U), uInf = U / (1 - q), ed = Math.Exp(-isi / tauD);
        double r = 1;
        for (int n = 1; n <= nSpikes; n++)
        {
            double u = uInf + (U - uInf) * Math.Pow(q, n - 1);            // closed form of the u recursion
            Assert.Equal(u * r, eff[n - 1], 1e-5);
            r = r * (1 - u) * ed + 1 - ed;                                 // TPM 1998 eq. for R_{n+1}
        }
        double rInf = (1 - ed) / (1 - (1 - uInf) * ed);
        Assert.Equal(uInf * rInf, eff[^1], 1e-5);
    }

    [Fact]
    public void IrregularTrain_MatchesFineIntegrationOfJumpOde()
    {
        double U = 0.2, tauD = 150, tauF = 400;
        double[] times = [5, 12, 13.5, 40, 41, 42, 90, 250, 251, 400];
        var eff = Train(new TsodyksMarkram(U, tauD, tauF), times);
        // du/dt = -u/tau_f, dR/dt = (1 - R)/tau_d; at a spike u += U (1 - u), transmit u R, then R -= u R.
        double u = 0, R = 1, t = 0, h = 0.0005;
        for (int n = 0; n < times.Length; n++)
        {
            while (t < times[n] - 1e-9) { u += -u / tauF * h; R += (1 - R) / tauD * h; t += h; }
            u += U * (1 - u);
            Assert.Equal(u * R, eff[n], 1e-4);
            R -= u * R;
        }
    }

    [Fact]
    public void NeuronsAreIndependent_AndValidation()
    {
        var stp = new TsodyksMarkram(0.5, 100);
        stp.Build(2, new Clock(0.1));
        var e = new float[2];
        stp.OnSpikes([0], 0, e.AsSpan(0, 1));
        stp.OnSpikes([0, 1], 1, e);
        Assert.Equal(0.5f, e[1]);                       // first spike of neuron 1: u = U, R = 1
        Assert.True(e[0] < 0.5f);                       // neuron 0 depressed
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TsodyksMarkram(1.5));
        Assert.Contains("TsodyksMarkram", ex.Message); Assert.Contains("1.5", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TsodyksMarkram(0.5, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TsodyksMarkram(0.5, 100, double.NaN));
    }
}
