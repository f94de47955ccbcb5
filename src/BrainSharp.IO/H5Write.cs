using PureHDF;

namespace BrainSharp.IO;

/// <summary>Writing helpers shared by the HDF5 file types.</summary>
internal static class H5Write
{
    /// <summary>A 1-D dataset with a unit attribute.</summary>
    public static H5Dataset Dataset<T>(T[] data, string unit, ulong[]? dims = null) where T : unmanaged
    {
        var ds = new H5Dataset(data, fileDims: dims ?? [(ulong)data.Length]);
        ds.Attributes["unit"] = unit;
        return ds;
    }

    /// <summary>HDF5 link names may not contain '/' or be "." ; reject them with a clear message instead of producing a broken file.</summary>
    public static string CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/') || name == ".")
            throw new ArgumentException($"HDF5 name '{name}' is not allowed (empty, '.' or containing '/').", nameof(name));
        return name;
    }
}
