using System.Numerics;
using BrainSharp.Numerics;

namespace BrainSharp.Autodiff;

/// <summary>The scan behind non-finite check mode.</summary>
internal static class NonFinite
{
    public static void Check<T>(string op, Tensor<T> result, ReadOnlySpan<Tensor<T>> inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int bad = FirstNonFinite(result.Data);
        if (bad < 0) return;
        bool inputsFinite = true;
        foreach (var x in inputs) if (FirstNonFinite(x.Data) >= 0) { inputsFinite = false; break; }
        string why = inputsFinite ? "from finite inputs" : "(an input was already non-finite: it came from outside the check or from data)";
        throw new NonFiniteValueException(op,
            $"{op} produced a non-finite value ({result.Data[bad]}) at flat index {bad} of its output of shape {ShapeUtil.Format(result.Shape)} {why}.");
    }

    private static int FirstNonFinite<T>(T[] data) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < data.Length; i++) if (!T.IsFinite(data[i])) return i;
        return -1;
    }
}
