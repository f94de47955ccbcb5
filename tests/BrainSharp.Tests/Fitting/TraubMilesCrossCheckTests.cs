using BrainSharp.Dynamics;
using BrainSharp.Fitting;
using BrainSharp.Neurons;

namespace BrainSharp.Tests.Fitting;

/// <summary>The fit model (float64, generic) and the simulation neuron (float32 SIMD) are two implementations of one cell: hold them together.</summary>
public class TraubMilesCrossCheckTests
{
    [Fact]
    public void FitModelAgreesWithSimulationNeuronOnTheTutorialProtocol()
    {
        var data = FitTestData.HhTutorial();
        double[] current = data.Currents[0];
        var fitModel = new TraubMilesTraceModel();
        var p = fitModel.Defaults().Select(x => new Real(x)).ToArray();
        var vFit = new Real[current.Length];
        fitModel.Simulate<Real>(p, current, data.Dt, vFit);

        var neuron = new TraubMilesNeuron(1, TraubMilesParams.HhTutorial);
        neuron.V[0] = -65f; neuron.M[0] = 0; neuron.H[0] = 0; neuron.N[0] = 0; // the tutorial's (Brian2's) initial state
        var clock = new Clock(data.Dt);
        double maxErr = 0;
        int spikesFit = 0, spikesSim = 0, lastFit = -1_000_000;
        int refractorySteps = (int)Math.Round(TraubMilesParams.HhTutorial.Refractory / data.Dt);
        for (int k = 0; k < current.Length; k++)
        {
            maxErr = Math.Max(maxErr, Math.Abs(neuron.V[0] - vFit[k].Value));
            // The simulation neuron ignores crossings within its 3 ms refractory period; count the fit trace's alike.
            if (k > 0 && vFit[k - 1].Value <= -20 && vFit[k].Value > -20 && k - lastFit > refractorySteps) { spikesFit++; lastFit = k; }
            neuron.InputCurrent[0] = (float)current[k];
            neuron.Update(clock);
            spikesSim += neuron.Spikes.Count;
            clock.Step++;
        }
        Assert.True(spikesFit >= 2, $"protocol should make the cell spike, got {spikesFit}");
        Assert.Equal(spikesFit, spikesSim);
        // float32 vs float64 over ~1500 steps with spikes: the traces stay within a fraction of a millivolt.
        Assert.True(maxErr < 0.5, $"max |v_sim - v_fit| = {maxErr} mV");
    }
}
