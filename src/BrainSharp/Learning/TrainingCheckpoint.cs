using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using BrainSharp.Learning.Layers;
using BrainSharp.Optimizers;

namespace BrainSharp.Learning;

/// <summary>
/// Binary checkpoint of training: parameters, optimizer state (<see cref="Optimizer{T}.SaveState"/>), iteration
/// and best validation accuracy. Layout (little-endian): magic "BSTRAIN2", element size (4 or 8), iteration,
/// best accuracy, parameter count, per parameter its name, length and values; then the optimizer state as a
/// count of entries, each a key, a length and float64 values.
/// Written to a temporary file and moved over the target, so a crash never leaves a torn checkpoint.
/// </summary>
public static class TrainingCheckpoint
{
    private const string Magic = "BSTRAIN2";

    /// <summary>Writes the checkpoint atomically to <paramref name="path"/>.</summary>
    public static void Save<T>(string path, int iteration, double bestAccuracy, IReadOnlyList<TrainableParameter<T>> parameters, Optimizer<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string tmp = full + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write))
        using (var w = new BinaryWriter(fs, Encoding.UTF8))
        {
            w.Write(Encoding.ASCII.GetBytes(Magic));
            w.Write(Marshal.SizeOf<T>());
            w.Write(iteration);
            w.Write(bestAccuracy);
            w.Write(parameters.Count);
            for (int p = 0; p < parameters.Count; p++)
            {
                w.Write(parameters[p].Name);
                w.Write(parameters[p].Value.Length);
                w.Write(MemoryMarshal.AsBytes(parameters[p].Value.AsSpan()));
            }
            var state = optimizer.SaveState();
            w.Write(state.Count);
            foreach (var (key, values) in state.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.Write(key);
                w.Write(values.Length);
                w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            }
            fs.Flush(true);
        }
        File.Move(tmp, full, overwrite: true);
    }

    /// <summary>Reads a checkpoint into existing parameters and optimizer; returns (iteration, best accuracy). Throws if the layout does not match.</summary>
    public static (int Iteration, double BestAccuracy) Load<T>(string path, IReadOnlyList<TrainableParameter<T>> parameters, Optimizer<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read);
        using var r = new BinaryReader(fs, Encoding.UTF8);
        string magic = Encoding.ASCII.GetString(r.ReadBytes(Magic.Length));
        if (magic != Magic) throw new InvalidDataException($"TrainingCheckpoint: '{path}' is not a BrainSharp training checkpoint.");
        int size = r.ReadInt32();
        if (size != Marshal.SizeOf<T>()) throw new InvalidDataException($"TrainingCheckpoint: '{path}' holds {size}-byte elements, expected {Marshal.SizeOf<T>()} ({typeof(T).Name}).");
        int iteration = r.ReadInt32();
        double best = r.ReadDouble();
        int count = r.ReadInt32();
        if (count != parameters.Count) throw new InvalidDataException($"TrainingCheckpoint: '{path}' has {count} parameters, the model {parameters.Count}.");
        // Read everything before touching the model, so a bad file leaves it unchanged.
        var vals = new T[count][];
        for (int p = 0; p < count; p++)
        {
            string name = r.ReadString();
            int len = r.ReadInt32();
            if (name != parameters[p].Name || len != parameters[p].Value.Length)
                throw new InvalidDataException($"TrainingCheckpoint: parameter {p} is '{name}' [{len}] in '{path}', the model has '{parameters[p].Name}' [{parameters[p].Value.Length}].");
            vals[p] = ReadArray<T>(r, len);
        }
        int entries = r.ReadInt32();
        var state = new Dictionary<string, double[]>();
        for (int e = 0; e < entries; e++)
        {
            string key = r.ReadString();
            state[key] = ReadArray<double>(r, r.ReadInt32());
        }
        // The optimizer validates its state before changing anything; parameters are copied only after that.
        try { optimizer.LoadState(state); }
        catch (ArgumentException ex) { throw new InvalidDataException($"TrainingCheckpoint: optimizer state in '{path}' does not fit: {ex.Message}", ex); }
        for (int p = 0; p < count; p++) vals[p].CopyTo(parameters[p].Value, 0);
        return (iteration, best);
    }

    private static TE[] ReadArray<TE>(BinaryReader r, int len) where TE : unmanaged
    {
        if (len < 0) throw new InvalidDataException("TrainingCheckpoint: negative array length.");
        var a = new TE[len];
        var bytes = MemoryMarshal.AsBytes(a.AsSpan());
        try { r.BaseStream.ReadExactly(bytes); }
        catch (EndOfStreamException) { throw new EndOfStreamException("TrainingCheckpoint: file is truncated."); }
        return a;
    }
}
