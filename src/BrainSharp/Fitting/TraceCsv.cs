using System.Globalization;

namespace BrainSharp.Fitting;

/// <summary>
/// Reads traces stored one per row, as pandas writes them (brian2modelfitting's tutorial files): a header row,
/// then rows whose first column is the row index and whose other columns are the samples.
/// </summary>
public static class TraceCsv
{
    /// <summary>Reads all rows, multiplying each sample by <paramref name="scale"/> (e.g. 1e12 for amperes to pA).</summary>
    public static List<double[]> Read(string path, double scale = 1.0)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Trace file '{path}' does not exist.", path);
        var rows = new List<double[]>();
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (header == null) throw new InvalidDataException($"Trace file '{path}' is empty.");
        int line = 1;
        for (string? s = reader.ReadLine(); s != null; s = reader.ReadLine())
        {
            line++;
            if (s.Length == 0) continue;
            var parts = s.Split(',');
            if (parts.Length < 2) throw new InvalidDataException($"Trace file '{path}', line {line}: no samples.");
            var row = new double[parts.Length - 1];
            for (int i = 1; i < parts.Length; i++)
            {
                if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double x))
                    throw new InvalidDataException($"Trace file '{path}', line {line}, column {i}: '{parts[i]}' is not a number.");
                row[i - 1] = x * scale;
            }
            if (rows.Count > 0 && row.Length != rows[0].Length)
                throw new InvalidDataException($"Trace file '{path}', line {line}: {row.Length} samples, but the first trace has {rows[0].Length}.");
            rows.Add(row);
        }
        if (rows.Count == 0) throw new InvalidDataException($"Trace file '{path}' has a header but no traces.");
        return rows;
    }
}
