namespace BrainSharp.Synapses;

/// <summary>Where a saturating synapse (<see cref="SaturatingSynapse"/>) keeps its gating state inside a projection.</summary>
public enum GatingAlignment
{
    /// <summary>
    /// One gating state per presynaptic neuron (exact): the gate of synapse i->j depends only on the spike train of i,
    /// so every synapse of i shares it (time-shifted by its delay); g_j = gMax sum_i w_ij s_i(t - d_ij). Costs O(nPre) for
    /// the kinetics plus O(synapses) for the sum each step.
    /// </summary>
    Presynaptic,

    /// <summary>
    /// One pooled gating state per postsynaptic neuron driven by the summed weights (the "align post" approximation):
    /// exact for one synapse per post neuron or in the unsaturated regime, too saturated with many inputs. O(nPost) per step.
    /// The weight is then a release amount (dimensionless) rather than a conductance scale.
    /// </summary>
    Postsynaptic,
}
