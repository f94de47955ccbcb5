using PureHDF;

namespace BrainSharp.IO;

/// <summary>Reading helpers that turn PureHDF's failures into <see cref="DataFileException"/>s naming the file and the missing object.</summary>
internal static class H5Read
{
    public static NativeFileHandle Open(string path, string expectedFormat)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found.");
        PureHDF.VOL.Native.NativeFile file;
        try { file = H5File.OpenRead(path); }
        catch (Exception e) { throw new DataFileException(path, $"not a readable HDF5 file ({e.Message}).", e); }
        var h = new NativeFileHandle(path, file);
        try
        {
            string format = h.StringAttr(file, "/", "format");
            if (format != expectedFormat)
                throw new DataFileException(path, $"root attribute 'format' is '{format}', expected '{expectedFormat}'.");
            return h;
        }
        catch { file.Dispose(); throw; }
    }

    /// <summary>An open file plus its path, so every error can name the file.</summary>
    internal sealed class NativeFileHandle(string path, PureHDF.VOL.Native.NativeFile file) : IDisposable
    {
        public string Path { get; } = path;
        public PureHDF.VOL.Native.NativeFile File { get; } = file;
        public void Dispose() => File.Dispose();

        public IH5Group Group(string groupPath)
        {
            if (groupPath == "/") return File;
            if (!File.LinkExists(groupPath)) throw new DataFileException(Path, $"group '{groupPath}' is missing.");
            try { return File.Group(groupPath); }
            catch (Exception e) { throw new DataFileException(Path, $"'{groupPath}' is not a readable group ({e.Message}).", e); }
        }

        public IH5Dataset Dataset(string dsPath)
        {
            if (!File.LinkExists(dsPath)) throw new DataFileException(Path, $"dataset '{dsPath}' is missing.");
            try { return File.Dataset(dsPath); }
            catch (Exception e) { throw new DataFileException(Path, $"'{dsPath}' is not a readable dataset ({e.Message}).", e); }
        }

        public T[] Array<T>(string dsPath) where T : unmanaged
        {
            var ds = Dataset(dsPath);
            try
            {
                if (ds.Space.Dimensions.Length > 0 && Product(ds.Space.Dimensions) == 0) return [];
                return ds.Read<T[]>();
            }
            catch (Exception e) { throw new DataFileException(Path, $"dataset '{dsPath}' could not be read as {typeof(T).Name}[] ({e.Message}).", e); }
        }

        public ulong[] Dims(string dsPath) => Dataset(dsPath).Space.Dimensions;

        public IH5Attribute Attr(IH5Object obj, string objPath, string name)
        {
            if (!obj.AttributeExists(name)) throw new DataFileException(Path, $"attribute '{name}' of '{objPath}' is missing.");
            return obj.Attribute(name);
        }

        public string StringAttr(IH5Object obj, string objPath, string name)
        {
            try { return Attr(obj, objPath, name).Read<string>(); }
            catch (DataFileException) { throw; }
            catch (Exception e) { throw new DataFileException(Path, $"attribute '{name}' of '{objPath}' is not a string ({e.Message}).", e); }
        }

        public T ScalarAttr<T>(IH5Object obj, string objPath, string name) where T : unmanaged
        {
            try { return Attr(obj, objPath, name).Read<T>(); }
            catch (DataFileException) { throw; }
            catch (Exception e) { throw new DataFileException(Path, $"attribute '{name}' of '{objPath}' is not a {typeof(T).Name} ({e.Message}).", e); }
        }
    }

    private static ulong Product(ulong[] d) { ulong p = 1; foreach (var x in d) p *= x; return p; }
}
