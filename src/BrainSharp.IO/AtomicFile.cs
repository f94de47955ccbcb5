namespace BrainSharp.IO;

/// <summary>
/// Writes files so that the final name only ever holds a complete file: the content goes to a
/// temporary file in the same folder (same volume, so the rename is atomic) and is then moved over
/// the destination. If the writer throws, the temporary file is deleted and any previous file under
/// the final name is left untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> with a temporary path in the destination folder, then moves it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        // Leading dot and a random part: hidden from casual listings and unique per writer.
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            write(temp);
            if (!File.Exists(temp))
                throw new IOException($"{full}: the writer produced no file.");
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes through a stream opened on a temporary file, then moves it to <paramref name="path"/>.</summary>
    public static void WriteStream(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, temp =>
        {
            using var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(fs);
            fs.Flush(flushToDisk: true);
        });
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) atomically.</summary>
    public static void WriteAllText(string path, string text)
        => WriteStream(path, s => { var b = new System.Text.UTF8Encoding(false).GetBytes(text); s.Write(b); });
}
