namespace BrainSharp.Connectivity;

/// <summary>
/// The stored synapses of a projection as plasticity rules see them: CSR by pre (row = pre, ascending post), the
/// per-synapse weights (writable), and a by-post index: for post j, <c>ColSynapses[ColPtr[j]..ColPtr[j+1])</c> are the
/// synapse ids (positions in <see cref="Weights"/>) that end on j, ascending by pre, with their pre neurons in <see cref="ColPre"/>.
/// </summary>
public sealed class SynapseView
{
    /// <summary>Builds the view and its by-post index over <paramref name="structure"/> and <paramref name="weights"/>.</summary>
    public SynapseView(CsrStructure structure, float[] weights)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != structure.NonZeros)
            throw new ArgumentException($"SynapseView: {weights.Length} weights for {structure.NonZeros} synapses.", nameof(weights));
        Structure = structure; Weights = weights;
        int nPost = structure.NPost, nnz = structure.NonZeros;
        var colPtr = new int[nPost + 1];
        foreach (int j in structure.PostIndices) colPtr[j + 1]++;
        for (int j = 0; j < nPost; j++) colPtr[j + 1] += colPtr[j];
        var fill = (int[])colPtr.Clone();
        var colSyn = new int[nnz];
        var colPre = new int[nnz];
        for (int i = 0; i < structure.NPre; i++)
            for (int s = structure.RowPtr[i]; s < structure.RowPtr[i + 1]; s++)
            {
                int k = fill[structure.PostIndices[s]]++;
                colSyn[k] = s; colPre[k] = i;
            }
        ColPtr = colPtr; ColSynapses = colSyn; ColPre = colPre;
    }

    /// <summary>The connection structure (rows = pre).</summary>
    public CsrStructure Structure { get; }

    /// <summary>Number of presynaptic neurons.</summary>
    public int NPre => Structure.NPre;

    /// <summary>Number of postsynaptic neurons.</summary>
    public int NPost => Structure.NPost;

    /// <summary>Row starts (length NPre + 1) into <see cref="PostIndices"/> and <see cref="Weights"/>.</summary>
    public int[] RowPtr => Structure.RowPtr;

    /// <summary>Post neuron of each synapse.</summary>
    public int[] PostIndices => Structure.PostIndices;

    /// <summary>Weight of each synapse (unit of the projection's synaptic variable: nS or pA); plasticity may write it.</summary>
    public float[] Weights { get; }

    /// <summary>Column starts (length NPost + 1) into <see cref="ColSynapses"/> and <see cref="ColPre"/>.</summary>
    public int[] ColPtr { get; }

    /// <summary>Synapse ids grouped by post neuron, ascending by pre.</summary>
    public int[] ColSynapses { get; }

    /// <summary>Pre neuron of each entry of <see cref="ColSynapses"/>.</summary>
    public int[] ColPre { get; }
}
