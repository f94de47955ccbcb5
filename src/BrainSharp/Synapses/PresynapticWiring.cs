using BrainSharp.Connectivity;

namespace BrainSharp.Synapses;

/// <summary>
/// What a projection hands to a synapse that keeps its state per presynaptic neuron (<see cref="IPresynapticGating"/>):
/// the connection structure (CSR, row = pre), the weights and, for heterogeneous delays, each synapse's delay in steps.
/// The arrays are the projection's own (plastic weights stay live); the synapse must not modify them.
/// </summary>
/// <param name="Owner">The projection's name, for messages.</param>
/// <param name="Structure">CSR structure (row = pre neuron); null when the projection keeps no structure (procedural storage).</param>
/// <param name="Weights">Per-synapse weights in CSR order, or null when every weight is <paramref name="ConstantWeight"/>.</param>
/// <param name="ConstantWeight">The weight of every synapse when <paramref name="Weights"/> is null.</param>
/// <param name="DelaySteps">Per-synapse delays in steps (>= 1, CSR order) for heterogeneous delays; null when the delay is homogeneous
/// (the projection then hands over the spikes that are due, already delayed).</param>
public sealed record PresynapticWiring(string Owner, CsrStructure? Structure, float[]? Weights, float ConstantWeight, ushort[]? DelaySteps);
