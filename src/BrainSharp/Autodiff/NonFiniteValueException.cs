namespace BrainSharp.Autodiff;

/// <summary>Thrown in non-finite check mode (<see cref="Autograd.DetectNonFinite"/>) by the first operation that produced a NaN or infinity.</summary>
public sealed class NonFiniteValueException : ArithmeticException
{
    /// <summary>Creates the exception for operation <paramref name="op"/>.</summary>
    public NonFiniteValueException(string op, string message) : base(message) { Op = op; }

    /// <summary>The operation that produced the value, e.g. "Log" or "backward of Div".</summary>
    public string Op { get; }
}
