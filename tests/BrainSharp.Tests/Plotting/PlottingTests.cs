using System.Buffers.Binary;
using BrainSharp.IO;
using BrainSharp.Plotting;
using BrainSharp.Tests.IO;
using SkiaSharp;

namespace BrainSharp.Tests.Plotting;

public class PlottingTests
{
    static SpikeRecording Recording(int spikes)
    {
        // A deterministic pseudo-random raster: neuron k*7 mod 80, time k*0.37 mod 100.
        var ei = new int[spikes]; var et = new double[spikes];
        for (int k = 0; k < spikes; k++) { ei[k] = k * 7 % 80; et[k] = k * 0.37 % 100; }
        Array.Sort(et, ei);
        return new SpikeRecording([new SpikeTrain("E", 80, ei, et), new SpikeTrain("I", 20, [3, 4], [10, 20])], 100, 0.1,
            new Dictionary<string, string> { ["model"] = "test" });
    }

    // Width and height from the PNG IHDR chunk (big-endian at bytes 16 and 20), read without any imaging library.
    static (int W, int H) PngSize(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    static int CountColor(string png, SKColor target)
    {
        using var bmp = SKBitmap.Decode(png);
        int n = 0;
        foreach (var c in bmp.Pixels)
            {
                if (Math.Abs(c.Red - target.Red) < 8 && Math.Abs(c.Green - target.Green) < 8 && Math.Abs(c.Blue - target.Blue) < 8) n++;
            }
        return n;
    }

    [Fact]
    public void RasterPngIsByteIdenticalForTheSameInputAndHasTheRequestedSize()
    {
        using var dir = new TempDir();
        RasterPlot.Save(Recording(500), dir.File("a.png"), 640, 480);
        RasterPlot.Save(Recording(500), dir.File("b.png"), 640, 480);
        var a = File.ReadAllBytes(dir.File("a.png"));
        Assert.Equal(a, File.ReadAllBytes(dir.File("b.png")));
        Assert.Equal((640, 480), PngSize(a));
        using var bmp = SKBitmap.Decode(a);
        Assert.Equal(640, bmp.Width);
        Assert.Equal(480, bmp.Height);
    }

    [Fact]
    public void RasterDrawsSpikesInThePopulationColourOnlyWhenThereAreSpikes()
    {
        using var dir = new TempDir();
        var blue = Figure.PopulationColor(0);
        var target = new SKColor(blue.R, blue.G, blue.B);
        RasterPlot.Save(Recording(2000), dir.File("full.png"), 640, 480);
        var empty = new SpikeRecording([new SpikeTrain("E", 80, [], []), new SpikeTrain("I", 20, [], [])], 100, 0.1);
        RasterPlot.Save(empty, dir.File("empty.png"), 640, 480);
        int full = CountColor(dir.File("full.png"), target);
        int none = CountColor(dir.File("empty.png"), target);
        // 2000 dots of 2x2 px overlap in places; well over 1000 px must be blue. The empty raster only
        // has the (flat, 1.5 px) rate line and its legend swatch in blue.
        Assert.True(full > 1000, $"expected many spike pixels, found {full}");
        Assert.True(none < full / 4, $"empty raster has {none} blue pixels vs {full}");
    }

    [Fact]
    public void DenseRasterDrawnAsAnImagePutsSpikesWhereTheyHappened()
    {
        // More spikes than RasterPlot.DenseSpikeCount, all in the first 30 ms of 100: the raster panel must be blue
        // on the left and (but for the legend swatch) not on the right half of the image.
        int count = RasterPlot.DenseSpikeCount + 10_000;
        var idx = new int[count]; var t = new double[count];
        for (int k = 0; k < count; k++) { idx[k] = k * 7919 % 1000; t[k] = k * 30.0 / count; }
        var rec = new SpikeRecording([new SpikeTrain("E", 1000, idx, t), new SpikeTrain("I", 250, [], [])], 100, 0.1);
        using var dir = new TempDir();
        RasterPlot.Save(rec, dir.File("dense.png"), 640, 480);
        var blue = Figure.PopulationColor(0);
        using var bmp = SKBitmap.Decode(dir.File("dense.png"));
        int left = 0, right = 0;
        for (int y = 0; y < 280; y++)
            for (int x = 0; x < bmp.Width; x++)
            {
                var c = bmp.GetPixel(x, y);
                if (Math.Abs(c.Red - blue.R) >= 8 || Math.Abs(c.Green - blue.G) >= 8 || Math.Abs(c.Blue - blue.B) >= 8) continue;
                if (x < bmp.Width / 2) left++; else right++;
            }
        Assert.True(left > 20_000, $"expected the first 30 ms of the raster to be filled, found {left} blue pixels");
        Assert.True(right < left / 20, $"second half has {right} blue pixels vs {left} in the first");
    }

    [Fact]
    public void SvgOnRequestContainsTheAxisLabelsWithUnits()
    {
        using var dir = new TempDir();
        var p = dir.File("r.svg");
        RasterPlot.Save(Recording(100), p, 640, 480);
        string svg = File.ReadAllText(p);
        Assert.Contains("<svg", svg);
        Assert.Contains("time (ms)", svg);
        Assert.Contains("rate (Hz)", svg);
        var forced = dir.File("forced.png");
        RasterPlot.Save(Recording(100), forced, 640, 480, format: FigureFormat.Svg);
        Assert.Contains("<svg", File.ReadAllText(forced));
    }

    [Fact]
    public void PopulationRateMatchesCountsPerNeuronPerSecond()
    {
        // 10 neurons; 20 spikes in [0,10) ms, 5 in [10,20): 20/(10*0.010 s) = 200 Hz, 5/(10*0.010) = 50 Hz.
        var idx = Enumerable.Range(0, 25).Select(k => k % 10).ToArray();
        var t = Enumerable.Range(0, 25).Select(k => k < 20 ? k * 0.5 : 10 + (k - 20)).ToArray();
        var (c, hz) = PopulationRate.Compute(new SpikeTrain("E", 10, idx, t), 20, 10);
        Assert.Equal(new[] { 5.0, 15.0 }, c);
        Assert.Equal(200, hz[0], 9);
        Assert.Equal(50, hz[1], 9);
        Assert.Equal(25 / (10 * 0.020), PopulationRate.Mean(new SpikeTrain("E", 10, idx, t), 20), 9);
    }

    [Fact]
    public void IsiAreDifferencesWithinEachNeuron()
    {
        var train = new SpikeTrain("E", 3, [0, 1, 0, 2, 0, 1], [1, 2, 4, 5, 9, 12]);
        var isi = IsiHistogram.Intervals(train);
        Assert.Equal(new[] { 3.0, 5.0, 10.0 }, isi);
    }

    [Fact]
    public void TraceIsiAndWeightFiguresRender()
    {
        using var dir = new TempDir();
        var v = new StateTrace("E", "v", "mV", 0.1, 0, [0, 1], Enumerable.Range(0, 200).Select(i => (float)(-65 + 10 * Math.Sin(i * 0.05 + (i % 2)))).ToArray());
        var g = new StateTrace("E", "g_e", "nS", 0.1, 0, [0], Enumerable.Range(0, 100).Select(i => (float)Math.Exp(-i * 0.05)).ToArray());
        TracePlot.Save([v, g], dir.File("v.png"), 600, 200);
        Assert.Equal((600, 400), PngSize(File.ReadAllBytes(dir.File("v.png"))));
        IsiHistogram.Save(Recording(500), dir.File("isi.png"), 2, 500, 300);
        Assert.Equal((500, 300), PngSize(File.ReadAllBytes(dir.File("isi.png"))));
        WeightHistogram.Save(Enumerable.Range(0, 300).Select(i => i * 0.01f).ToArray(), "nS", dir.File("w.svg"));
        Assert.Contains("weight (nS)", File.ReadAllText(dir.File("w.svg")));
        Assert.Throws<ArgumentException>(() => WeightHistogram.Save(new[] { float.NaN }, "nS", dir.File("bad.png")));
        Assert.False(File.Exists(dir.File("bad.png")));
    }
}
