using System.Buffers.Binary;
using System.Text;
using BrainSharp.IO;

namespace BrainSharp.Tests.IO;

public class NpyFileTests
{
    // Expected bytes written out by hand from the NPY 1.0 spec, independent of NpyFile.Header:
    // magic, version, uint16 LE header length, dict, space padding, '\n', total a multiple of 64.
    static byte[] SpecHeader(string dict)
    {
        int len = 10 + dict.Length + 1;
        int padded = (len + 63) / 64 * 64;
        var b = new List<byte> { 0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 0x01, 0x00 };
        int hl = padded - 10;
        b.Add((byte)(hl & 0xFF)); b.Add((byte)(hl >> 8));
        b.AddRange(Encoding.ASCII.GetBytes(dict));
        while (b.Count < padded - 1) b.Add(0x20);
        b.Add(0x0A);
        return b.ToArray();
    }

    [Fact]
    public void HeaderBytesMatchTheSpecFor2DFloat32()
    {
        var h = NpyFile.Header("<f4", [3, 4]);
        // numpy writes this exact 128-byte header for np.zeros((3, 4), '<f4'): 60-char dict, header length 118.
        Assert.Equal(128, h.Length);
        Assert.Equal(SpecHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"), h);
        Assert.Equal(118, BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(8)));
    }

    [Fact]
    public void OneDimensionalShapeHasTrailingComma()
    {
        var h = NpyFile.Header("<i4", [5]);
        Assert.Equal(SpecHeader("{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }"), h);
        Assert.Contains("(5,)", Encoding.ASCII.GetString(h));
    }

    [Fact]
    public void WrittenFileIsHeaderThenLittleEndianData()
    {
        using var dir = new TempDir();
        var p = dir.File("x.npy");
        NpyFile.Write(p, new[] { 1.5, -2.0 }, 2);
        var bytes = File.ReadAllBytes(p);
        var expectedHeader = SpecHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }");
        Assert.Equal(expectedHeader, bytes[..expectedHeader.Length]);
        Assert.Equal(expectedHeader.Length + 16, bytes.Length);
        // 1.5 = 0x3FF8000000000000, -2.0 = 0xC000000000000000, little-endian.
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0xC0 }, bytes[expectedHeader.Length..]);
    }

    [Fact]
    public void RoundTripFloat32Matrix()
    {
        using var dir = new TempDir();
        var p = dir.File("m.npy");
        var data = Enumerable.Range(0, 12).Select(i => i * 0.25f - 1f).ToArray();
        NpyFile.Write(p, data, 3, 4);
        var a = NpyFile.Read(p);
        Assert.Equal("<f4", a.Descr);
        Assert.Equal(new long[] { 3, 4 }, a.Shape);
        Assert.Equal(data, (float[])a.Data);
    }

    [Fact]
    public void ShapeMismatchIsRejected()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<ArgumentException>(() => NpyFile.Write(dir.File("bad.npy"), new float[5], 2, 3));
        Assert.Contains("6", ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void TruncatedFileIsReported()
    {
        using var dir = new TempDir();
        var p = dir.File("t.npy");
        NpyFile.Write(p, new int[] { 1, 2, 3 }, 3);
        var bytes = File.ReadAllBytes(p);
        File.WriteAllBytes(p, bytes[..^2]);
        var ex = Assert.Throws<DataFileException>(() => NpyFile.Read(p));
        Assert.Contains("t.npy", ex.Message);
        Assert.Contains("needs 12", ex.Message);
    }

    [Fact]
    public void TraceExportHasTimeByNeuronShape()
    {
        using var dir = new TempDir();
        var tr = new StateTrace("E", "v", "mV", 0.5, 0, [2, 7], [1, 2, 3, 4, 5, 6]);
        NpyFile.WriteTrace(dir.File("v.npy"), tr);
        var a = NpyFile.Read(dir.File("v.npy"));
        Assert.Equal(new long[] { 3, 2 }, a.Shape);
        Assert.Equal(tr.Values, (float[])a.Data);
    }
}
