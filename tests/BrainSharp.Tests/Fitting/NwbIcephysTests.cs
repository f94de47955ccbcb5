using BrainSharp.IO;
using PureHDF;

namespace BrainSharp.Tests.Fitting;

public class NwbIcephysTests
{
    [Fact]
    public void RoundTripsSweepsThroughTheNwbSchemaLayout()
    {
        string dir = Directory.CreateTempSubdirectory("nwb").FullName;
        string path = Path.Combine(dir, "cell.nwb");
        var data = FitTestData.HhTutorial();
        var sweeps = Enumerable.Range(0, data.Protocols)
            .Select(k => new IcephysSweep($"CurrentClampSeries{k:D3}", k, data.Dt, data.Currents[k], data.Voltages[k])).ToList();
        NwbIcephys.Write(path, sweeps);

        // The layout follows the schema: typed groups at the standard paths, SI units on data.
        using (var f = H5File.OpenRead(path))
        {
            Assert.Equal("NWBFile", f.Attribute("neurodata_type").Read<string>());
            var resp = f.Group("/acquisition/CurrentClampSeries002");
            Assert.Equal("CurrentClampSeries", resp.Attribute("neurodata_type").Read<string>());
            Assert.Equal("volts", resp.Dataset("data").Attribute("unit").Read<string>());
            Assert.Equal("CurrentClampStimulusSeries", f.Group("/stimulus/presentation/CurrentClampSeries002_stimulus").Attribute("neurodata_type").Read<string>());
        }

        var back = NwbIcephys.Read(path);
        Assert.Equal(sweeps.Count, back.Count);
        for (int k = 0; k < sweeps.Count; k++)
        {
            Assert.Equal(k, back[k].SweepNumber);
            Assert.Equal(0.01, back[k].DtMs, 9);
            for (int i = 0; i < sweeps[k].VoltageMv.Length; i += 97)
            {
                Assert.Equal(sweeps[k].VoltageMv[i], back[k].VoltageMv[i], 9);
                Assert.Equal(sweeps[k].CurrentPa[i], back[k].CurrentPa[i], 6);
            }
        }
    }

    [Fact]
    public void MissingStimulusIsNamed()
    {
        string dir = Directory.CreateTempSubdirectory("nwb").FullName;
        string good = Path.Combine(dir, "ok.nwb");
        NwbIcephys.Write(good, [new IcephysSweep("sweep7", 7, 0.1, new double[20], new double[20])]);
        // Rebuild the file without its stimulus group.
        var file = new H5File
        {
            ["acquisition"] = new H5Group(),
        };
        file.Attributes["nwb_version"] = "2.7.0";
        var g = new H5Group();
        g.Attributes["neurodata_type"] = "CurrentClampSeries";
        g.Attributes["sweep_number"] = 7u;
        var d = new H5Dataset(new double[20]); d.Attributes["unit"] = "volts";
        g["data"] = d;
        var st = new H5Dataset(0.0); st.Attributes["rate"] = 10000.0;
        g["starting_time"] = st;
        ((H5Group)file["acquisition"])["sweep7"] = g;
        string bad = Path.Combine(dir, "nostim.nwb");
        file.Write(bad);
        var ex = Assert.Throws<DataFileException>(() => NwbIcephys.Read(bad));
        Assert.Contains("nostim.nwb", ex.Message);
        Assert.Contains("CurrentClampStimulusSeries", ex.Message);
        Assert.Contains("sweep7", ex.Message);
        var ex2 = Assert.Throws<DataFileException>(() => NwbIcephys.Read(Path.Combine(dir, "absent.nwb")));
        Assert.Contains("absent.nwb", ex2.Message);
    }
}
