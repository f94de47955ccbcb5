using System.CommandLine;
using System.Text.Json;
using BrainSharp.Cli.Commands;

namespace BrainSharp.Tests.Learning;

public class TrainCommandTests
{
    [Fact]
    public void WritesResultJsonHistoryAndFigure()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bs-traincmd-" + Guid.NewGuid().ToString("N"));
        try
        {
            int rc = TrainCommand.Create().Parse(["perceptual-decision", "--out", dir, "--iterations", "3", "--neurons", "20",
                "--batch", "8", "--test-trials", "16", "--seed", "5"]).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });
            Assert.Equal(0, rc);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "result.json")));
            var r = doc.RootElement;
            Assert.Equal("perceptual-decision", r.GetProperty("task").GetString());
            Assert.Equal(20, r.GetProperty("neurons").GetInt32());
            Assert.Equal(16, r.GetProperty("excitatory").GetInt32());
            Assert.Equal(16, r.GetProperty("test_trials").GetInt32());
            Assert.Equal(3, r.GetProperty("iterations").GetInt32());
            Assert.InRange(r.GetProperty("test_accuracy").GetDouble(), 0, 1);
            Assert.True(r.GetProperty("train_seconds").GetDouble() > 0);
            Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, "history.csv")).Length);
            var png = File.ReadAllBytes(Path.Combine(dir, "learning-curve.png"));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
            Assert.True(File.Exists(Path.Combine(dir, "checkpoint.bin")));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void EPropMethodWritesResultJsonWithItsName()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bs-traincmd-" + Guid.NewGuid().ToString("N"));
        try
        {
            int rc = TrainCommand.Create().Parse(["perceptual-decision", "--out", dir, "--method", "eprop", "--iterations", "2", "--neurons", "20",
                "--batch", "8", "--test-trials", "16"]).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });
            Assert.Equal(0, rc);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "result.json")));
            Assert.Equal("eprop", doc.RootElement.GetProperty("method").GetString());
            Assert.Equal(2, doc.RootElement.GetProperty("iterations").GetInt32());
            Assert.InRange(doc.RootElement.GetProperty("test_accuracy").GetDouble(), 0, 1);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void UnknownTaskAndUnknownMethodFail()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bs-traincmd-" + Guid.NewGuid().ToString("N"));
        var sw = new StringWriter();
        var cfg = new InvocationConfiguration { Output = new StringWriter(), Error = sw };
        try
        {
            Assert.NotEqual(0, TrainCommand.Create().Parse(["no-such-task", "--out", dir]).Invoke(cfg));
            Assert.NotEqual(0, TrainCommand.Create().Parse(["delayed-match", "--out", dir, "--method", "rtrl"]).Invoke(cfg));
            Assert.Contains("rtrl", sw.ToString());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
