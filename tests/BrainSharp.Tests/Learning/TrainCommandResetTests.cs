using System.CommandLine;
using System.Text.Json;
using BrainSharp.Cli.Commands;

namespace BrainSharp.Tests.Learning;

public class TrainCommandResetTests
{
    private static (int Rc, string Stdout, string Stderr, JsonDocument? Result) Train(params string[] extra)
    {
        string dir = Path.Combine(Path.GetTempPath(), "bs-traincmd-reset-" + Guid.NewGuid().ToString("N"));
        var o = new StringWriter(); var e = new StringWriter();
        try
        {
            string[] args = ["perceptual-decision", "--out", dir, "--iterations", "2", "--neurons", "20", "--batch", "8", "--test-trials", "16", .. extra];
            int rc = TrainCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = o, Error = e });
            string path = Path.Combine(dir, "result.json");
            return (rc, o.ToString(), e.ToString(), File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)) : null);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("eprop")]
    [InlineData("bptt")]
    public void HardResetReachesTheNetworkAndIsRecorded(string method)
    {
        var (rc, stdout, stderr, result) = Train("--method", method, "--reset", "hard");
        Assert.True(rc == 0, stderr);
        using var doc = result!;
        Assert.Equal("hard", doc.RootElement.GetProperty("reset").GetString());
        Assert.Equal(method, doc.RootElement.GetProperty("method").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("iterations").GetInt32());
        Assert.InRange(doc.RootElement.GetProperty("test_accuracy").GetDouble(), 0, 1);
        Assert.Contains("hard reset", stdout);
    }

    [Fact]
    public void DefaultResetIsSoftAndAnUnknownResetFails()
    {
        var (rc, _, _, result) = Train("--method", "eprop");
        Assert.Equal(0, rc);
        using (var doc = result!) Assert.Equal("soft", doc.RootElement.GetProperty("reset").GetString());
        var (rc2, _, stderr2, result2) = Train("--reset", "sticky");
        Assert.NotEqual(0, rc2);
        Assert.Null(result2);
        Assert.Contains("sticky", stderr2);
    }
}
