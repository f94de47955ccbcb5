namespace BrainSharp.Neurons;

/// <summary>A neuron model's parameter record: checked once when the model is built.</summary>
public interface INeuronParameters
{
    /// <summary>Throws naming <paramref name="model"/>, the parameter and the offending value if any parameter is out of range.</summary>
    void Validate(string model);
}
