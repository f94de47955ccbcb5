using System.IO.Compression;
using System.Runtime.InteropServices;

namespace BrainSharp.IO;

/// <summary>
/// Writes a NumPy .npz archive (a zip of .npy files, readable by <c>numpy.load</c>) whose arrays grow along their first
/// axis by appended chunks, in bounded memory. Each array's data goes to its own temporary file next to the destination;
/// <see cref="Complete"/> writes every .npy header with the final shape, packs the archive (stored, not compressed) into a
/// temporary file and moves it into place through <see cref="AtomicFile"/>, so the destination only ever holds a complete
/// archive. Disposing without completing deletes the temporary files and leaves any previous destination untouched.
/// </summary>
internal sealed class NpzStreamWriter : IDisposable
{
    private sealed class Part(string name, string descr, int itemSize, long[] innerShape, string temp, FileStream? stream)
    {
        public string Name = name, Descr = descr, Temp = temp;
        public int ItemSize = itemSize;
        public long[] InnerShape = innerShape;   // shape after the growing first axis; null-shaped scalars have Rows = -1
        public FileStream? Stream = stream;
        public long Rows;
        public bool Scalar;
    }

    private readonly string _path;
    private readonly List<Part> _parts = [];
    private bool _done;

    public NpzStreamWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("NpzStreamWriter writes little-endian data from memory; this host is big-endian.");
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path) ?? ".");
    }

    /// <summary>Number of <see cref="Append{T}"/> calls so far.</summary>
    public long Chunks { get; private set; }

    /// <summary>Declares an array that grows along its first axis; returns its handle.</summary>
    public int AddGrowing(string name, string descr, int itemSize, params long[] innerShape)
    {
        string temp = Path.Combine(Path.GetDirectoryName(_path)!, $".{Path.GetFileName(_path)}.{name}.{Guid.NewGuid():N}.part");
        var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _parts.Add(new Part(name, descr, itemSize, innerShape, temp, fs));
        return _parts.Count - 1;
    }

    /// <summary>Declares a fixed array (written whole, shape as given; an empty shape is a 0-d scalar).</summary>
    public void AddFixed<T>(string name, string descr, ReadOnlySpan<T> data, params long[] shape) where T : unmanaged
    {
        int h = AddGrowing(name, descr, Marshal.SizeOf<T>(), shape.Length == 0 ? [] : shape[1..]);
        Append(h, data, shape.Length == 0 ? 1 : shape[0]);
        _parts[h].Scalar = shape.Length == 0;
        Chunks--;
    }

    /// <summary>Appends <paramref name="rows"/> rows (values in C order) to array <paramref name="handle"/>.</summary>
    public void Append<T>(int handle, ReadOnlySpan<T> values, long rows) where T : unmanaged
    {
        if (_done) throw new InvalidOperationException($"{_path}: the archive is already complete.");
        var p = _parts[handle];
        p.Stream!.Write(MemoryMarshal.AsBytes(values));
        p.Rows += rows;
        Chunks++;
    }

    /// <summary>Writes the headers with the final shapes, packs the archive and moves it into place.</summary>
    public void Complete()
    {
        if (_done) return;
        foreach (var p in _parts) { p.Stream!.Flush(); p.Stream.Position = 0; }
        AtomicFile.Write(_path, temp =>
        {
            using var zip = ZipFile.Open(temp, ZipArchiveMode.Create);
            foreach (var p in _parts)
            {
                long[] shape = p.Scalar ? [] : [p.Rows, .. p.InnerShape];
                var entry = zip.CreateEntry(p.Name + ".npy", CompressionLevel.NoCompression);
                using var es = entry.Open();
                es.Write(NpyFile.Header(p.Descr, shape));
                p.Stream!.CopyTo(es);
            }
        });
        _done = true;
        Cleanup();
    }

    private void Cleanup()
    {
        foreach (var p in _parts)
        {
            p.Stream?.Dispose();
            p.Stream = null;
            if (File.Exists(p.Temp)) File.Delete(p.Temp);
        }
    }

    public void Dispose() => Cleanup();
}
