namespace BrainSharp.IO;

/// <summary>An array read from a NumPy .npy file: its dtype descriptor ("&lt;f4", "&lt;f8", "&lt;i4"), shape and flat C-order data.</summary>
public sealed class NpyArray
{
    /// <summary>Creates the array; <paramref name="data"/> is float[], double[] or int[].</summary>
    public NpyArray(string descr, long[] shape, Array data)
    {
        Descr = descr; Shape = shape; Data = data;
    }

    /// <summary>NumPy dtype descriptor, e.g. "&lt;f4".</summary>
    public string Descr { get; }

    /// <summary>Shape, outermost first.</summary>
    public long[] Shape { get; }

    /// <summary>Elements in C (row-major) order.</summary>
    public Array Data { get; }
}
