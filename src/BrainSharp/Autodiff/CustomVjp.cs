using System.Numerics;
using BrainSharp.Numerics;

namespace BrainSharp.Autodiff;

/// <summary>
/// Vector-Jacobian product of a custom operation: given its inputs, the outputs its forward returned and
/// one upstream gradient per output (zeros where none flows), return one gradient per input, shaped like
/// that input, or null for an input that needs none.
/// </summary>
public delegate Tensor<T>?[] CustomVjp<T>(Tensor<T>[] inputs, Tensor<T>[] outputs, Tensor<T>[] upstream)
    where T : unmanaged, IFloatingPointIeee754<T>;
