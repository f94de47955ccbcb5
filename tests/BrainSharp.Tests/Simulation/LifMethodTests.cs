using BrainSharp.Connectivity;
using BrainSharp.Dynamics;
using BrainSharp.Integrators;
using BrainSharp.Networks;
using BrainSharp.Neurons;
using BrainSharp.Projections;
using BrainSharp.Running;
using BrainSharp.Synapses;

namespace BrainSharp.Tests.Simulation;

/// <summary>
/// The LIF integrators against independent references: forward Euler against a naive scalar loop and its O(dt)
/// convergence to the closed form; exponential Euler (polynomial phi1 for small dt G / C_m, exact formula beyond) against
/// the closed form in double; and a fused network against a plain scalar re-implementation in double of Brian2's step order.
/// </summary>
public class LifMethodTests
{
    // Subthreshold cell with constant conductance g (reversal e) and current i: v(t) = v_inf + (v0 - v_inf) exp(-t G / C).
    private static readonly LifParams Passive = new() { Cm = 200, GL = 10, EL = -65, VTh = 100, VReset = -70, TRef = 0 };

    private static float[] Drive(LifNeuron lif, double dt, double ms, double[] g, double e, double i)
    {
        var clock = new Clock(dt);
        lif.Prepare(clock); lif.Reset(0);
        long steps = (long)Math.Round(ms / dt);
        for (long s = 0; s < steps; s++, clock.Step++)
        {
            for (int k = 0; k < lif.Size; k++) { lif.InputConductance[k] = (float)g[k]; lif.InputCurrent[k] = (float)(g[k] * e + i); }
            lif.Update(clock);
        }
        return lif.V;
    }

    private static double Exact(double g, double e, double i, double v0, double t)
    {
        double gt = Passive.GL + g, vinf = (Passive.GL * Passive.EL + g * e + i) / gt;
        return vinf + (v0 - vinf) * Math.Exp(-t * gt / Passive.Cm);
    }

    [Fact]
    public void EulerMatchesNaiveForwardEuler()
    {
        // 11 cells (a full vector and a padded tail) with different conductances.
        var g = Enumerable.Range(0, 11).Select(k => 3.0 * k).ToArray();
        double e = -10, i = 30, dt = 0.1;
        var lif = new LifNeuron(11, Passive, "cells") { InitialV = -70, Method = OdeMethod.Euler };
        var v = Drive(lif, dt, 20, g, e, i);
        for (int k = 0; k < 11; k++)
        {
            double x = -70, gt = Passive.GL + g[k], it = Passive.GL * Passive.EL + g[k] * e + i;
            for (int s = 0; s < 200; s++) x += dt / Passive.Cm * (it - gt * x);
            Assert.Equal(x, v[k], 1e-4);
            // ... and is not the exact solution (first order: visibly different at dt = 0.1 ms for the larger G).
            if (k == 10) Assert.True(Math.Abs(x - Exact(g[k], e, i, -70, 2)) > 1e-3);
        }
    }

    [Fact]
    public void EulerConvergesAtFirstOrder()
    {
        double g = 40, e = 0, i = 0, t = 2;
        double Err(double dt)
        {
            var lif = new LifNeuron(1, Passive) { InitialV = -70, Method = OdeMethod.Euler };
            return Drive(lif, dt, t, new[] { g }, e, i)[0] - Exact(g, e, i, -70, t);
        }
        double e1 = Err(0.1), e2 = Err(0.05), e3 = Err(0.025);
        Assert.True(Math.Abs(e1) > 1e-2, $"error at dt 0.1 ms: {e1}");
        Assert.InRange(e1 / e2, 1.8, 2.2);
        Assert.InRange(e2 / e3, 1.8, 2.2);
    }

    [Theory]
    [InlineData(0.1, 30.0)]     // dt G / C = 0.02: polynomial phi1
    [InlineData(0.1, 600.0)]    // 0.305: polynomial, near its limit
    [InlineData(0.1, 1000.0)]   // 0.505: exact formula
    [InlineData(1.0, 5000.0)]   // 25: exact formula, strongly stiff
    public void ExponentialEulerIsExactForConstantInput(double dt, double g)
    {
        var gs = new[] { g, g, g, g, g, g, g, g, g };
        double e = -10, i = 30, t = 20;
        var lif = new LifNeuron(9, Passive) { InitialV = -70 };
        var v = Drive(lif, dt, t, gs, e, i);
        double expected = Exact(g, e, i, -70, t);
        foreach (var x in v) Assert.Equal(expected, x, 1e-4 * (1 + Math.Abs(expected)));
    }

    [Fact]
    public void BadMethodOrRefractoryPeriodThrowsNamingIt()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new LifNeuron(4, Passive, "cells") { Method = OdeMethod.RungeKutta4 });
        Assert.Contains("LifNeuron 'cells'", ex.Message);
        Assert.Contains("Method", ex.Message);
        Assert.Contains("RungeKutta4", ex.Message);
        var slow = new LifNeuron(4, Passive with { TRef = 7000 }, "slow");
        var ex2 = Assert.ThrowsAny<ArgumentException>(() => slow.Prepare(new Clock(0.1)));
        Assert.Contains("LifNeuron 'slow'", ex2.Message);
        Assert.Contains("TRef", ex2.Message);
        Assert.Contains("7000", ex2.Message);
        var coba = ReferenceNetworks.Create("coba");
        coba.Set("euler", 0.5);
        var ex3 = Assert.ThrowsAny<ArgumentException>(() => coba.Build(100, 1));
        Assert.Contains("euler", ex3.Message);
        Assert.Contains("0.5", ex3.Message);
    }

    /// <summary>
    /// A small COBA-type network (fused: spikes delivered straight into g) against a scalar re-implementation in double:
    /// per step, v += h (I - G v) with the method's h, refractory count, threshold and reset; then g = g exp(-dt/tau);
    /// then every spike of the step adds its weight to g of its targets (Brian2's order, delay one step). Same
    /// connectivity (taken from the built projections); the spike trains must be identical and v close.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FusedNetworkMatchesScalarReference(bool euler)
    {
        const int nE = 67, nI = 21;
        var cell = LifParams.Coba with { IExt = 230 };
        var method = euler ? OdeMethod.Euler : OdeMethod.ExponentialEuler;
        var net = new Network(seed: 4);
        var e = net.Add(new LifNeuron(nE, cell, "E") { InitialV = Initializer.Uniform(-60, -50), Method = method });
        var i = net.Add(new LifNeuron(nI, cell, "I") { InitialV = Initializer.Uniform(-60, -50), Method = method });
        var conn = new FixedProbability(0.15);
        var proj = new[]
        {
            net.Add(new Projection(e, e, conn, 3.0, new ExponentialSynapse(nE, 5), new ConductanceOutput(0))),
            net.Add(new Projection(i, e, conn, 20.0, new ExponentialSynapse(nE, 10), new ConductanceOutput(-80))),
            net.Add(new Projection(e, i, conn, 3.0, new ExponentialSynapse(nI, 5), new ConductanceOutput(0))),
            net.Add(new Projection(i, i, conn, 20.0, new ExponentialSynapse(nI, 10), new ConductanceOutput(-80))),
        };
        var me = net.Add(new SpikeMonitor(e));
        var mi = net.Add(new SpikeMonitor(i));
        using var sim = new Simulator(net, 0.1);
        var v0E = e.V.Select(x => (double)x).ToArray();
        var v0I = i.V.Select(x => (double)x).ToArray();
        sim.Run(60);
        Assert.All(proj, p => Assert.True(p.IsFused));

        // Reference
        double dt = 0.1, C = cell.Cm, gL = cell.GL;
        var pops = new[] { v0E, v0I };
        var cnt = new[] { new int[nE], new int[nI] };
        var ge = new[] { new double[nE], new double[nI] };
        var gi = new[] { new double[nE], new double[nI] };
        int refSteps = (int)Math.Round(cell.TRef / dt);
        var spikes = new[] { new List<(int, int)>(), new List<(int, int)>() };
        var fired = new[] { new List<int>(), new List<int>() };
        for (int s = 0; s < 600; s++)
        {
            for (int p = 0; p < 2; p++)
            {
                fired[p].Clear();
                for (int j = 0; j < pops[p].Length; j++)
                {
                    cnt[p][j] = Math.Max(cnt[p][j] - 1, 0);
                    if (cnt[p][j] > 0) continue;
                    double G = gL + ge[p][j] + gi[p][j];
                    double I = gL * cell.EL + cell.IExt + ge[p][j] * 0 + gi[p][j] * -80;
                    double h = euler ? dt / C : (1 - Math.Exp(-dt * G / C)) / G;
                    double v = pops[p][j] + h * (I - G * pops[p][j]);
                    if (v > cell.VTh) { v = cell.VReset; cnt[p][j] = refSteps; fired[p].Add(j); spikes[p].Add((s, j)); }
                    pops[p][j] = v;
                }
                for (int j = 0; j < pops[p].Length; j++) { ge[p][j] *= Math.Exp(-dt / 5); gi[p][j] *= Math.Exp(-dt / 10); }
            }
            foreach (var (pr, src, exc, w) in new[] { (proj[0], 0, true, 3.0), (proj[1], 1, false, 20.0), (proj[2], 0, true, 3.0), (proj[3], 1, false, 20.0) })
            {
                int dst = pr.Target == e ? 0 : 1;
                var csr = pr.Structure!;
                foreach (int j in fired[src])
                    for (int q = csr.RowPtr[j]; q < csr.RowPtr[j + 1]; q++)
                        (exc ? ge : gi)[dst][csr.PostIndices[q]] += w;
            }
        }
        Assert.True(spikes[0].Count > 50, $"too few E spikes: {spikes[0].Count}");
        Assert.Equal(spikes[0].Select(x => x.Item1 * 1000 + x.Item2), me.Steps.ToArray().Zip(me.Indices.ToArray(), (st, j) => st * 1000 + j));
        Assert.Equal(spikes[1].Select(x => x.Item1 * 1000 + x.Item2), mi.Steps.ToArray().Zip(mi.Indices.ToArray(), (st, j) => st * 1000 + j));
        for (int j = 0; j < nE; j++) Assert.Equal(pops[0][j], e.V[j], 1e-3);
        for (int j = 0; j < nI; j++) Assert.Equal(pops[1][j], i.V[j], 1e-3);
        for (int j = 0; j < nE; j++) Assert.Equal(ge[0][j], proj[0].Synapse.Value[j], 1e-4 * (1 + ge[0][j]));
    }
}
