namespace BrainSharp.IO;

/// <summary>Recognises BrainSharp HDF5 files by their root "format" attribute.</summary>
public static class DataFiles
{
    /// <summary>The root "format" attribute of <paramref name="path"/> (e.g. <see cref="SpikeFile.Format"/>); throws <see cref="DataFileException"/> if unreadable.</summary>
    public static string FormatOf(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found.");
        PureHDF.VOL.Native.NativeFile file;
        try { file = PureHDF.H5File.OpenRead(path); }
        catch (Exception e) { throw new DataFileException(path, $"not a readable HDF5 file ({e.Message}).", e); }
        using (file)
        {
            if (!file.AttributeExists("format")) throw new DataFileException(path, "root attribute 'format' is missing (not written by BrainSharp?).");
            try { return file.Attribute("format").Read<string>(); }
            catch (Exception e) { throw new DataFileException(path, $"root attribute 'format' is not a string ({e.Message}).", e); }
        }
    }
}
