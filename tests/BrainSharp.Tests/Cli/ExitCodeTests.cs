using BrainSharp.Tests.IO;

namespace BrainSharp.Tests.Cli;

public class ExitCodeTests
{
    static void AssertBadArguments((int Code, string Out, string Err) r, params string[] mentions)
    {
        Assert.True(r.Code == 2, $"expected exit 2, got {r.Code}; err: {r.Err}");
        foreach (var m in mentions) Assert.Contains(m, r.Err);
        Assert.DoesNotContain("   at ", r.Err); // no stack trace
    }

    [Fact]
    public void UnknownModelNamesItAndTheAllowedOnes()
        => AssertBadArguments(CliRunner.Run("simulate", "hodgkin"), "unknown model 'hodgkin'", "coba", "cuba");

    [Fact]
    public void NegativeDurationIsRejected()
        => AssertBadArguments(CliRunner.Run("simulate", "coba", "--duration", "-5"), "--duration", "positive", "-5");

    [Fact]
    public void NonNumericDurationIsRejected()
        => AssertBadArguments(CliRunner.Run("simulate", "coba", "--duration", "long"), "--duration", "long");

    [Fact]
    public void UnknownSetParameterNamesItAndTheKnownOnes()
    {
        using var dir = new TempDir();
        AssertBadArguments(CliRunner.Run("simulate", "coba", "--set", "tau_x=3", "--out", dir.Path), "tau_x", "known:", "tau_e");
        Assert.Empty(Directory.GetFiles(dir.Path)); // nothing written for a rejected run
    }

    [Fact]
    public void SetOutsideTheAllowedRangeIsRejected()
        => AssertBadArguments(CliRunner.Run("simulate", "coba", "--set", "exc_fraction=1.5", "--out", Path.GetTempPath()), "exc_fraction", "[0, 1]", "1.5");

    [Fact]
    public void MalformedSetIsRejected()
        => AssertBadArguments(CliRunner.Run("simulate", "coba", "--set", "w_e"), "--set", "name=value");

    [Fact]
    public void BadConnectivityNamesTheAllowedValues()
        => AssertBadArguments(CliRunner.Run("simulate", "coba", "--connectivity", "sparse"), "--connectivity", "'sparse'", "csr", "procedural");

    [Fact]
    public void TooFewNeuronsAndThreadsAreRejected()
    {
        AssertBadArguments(CliRunner.Run("simulate", "coba", "--neurons", "1"), "--neurons", "at least 2");
        AssertBadArguments(CliRunner.Run("simulate", "coba", "--threads", "0"), "--threads", "at least 1");
    }

    [Fact]
    public void UnknownCommandIsBadArguments()
        => AssertBadArguments(CliRunner.Run("simulat", "coba"), "simulat");

    [Fact]
    public void RuntimeFailureIsExitOneWithOneLineNamingTheFile()
    {
        using var dir = new TempDir();
        var path = dir.File("missing.h5");
        var r = CliRunner.Run("plot", path);
        Assert.Equal(1, r.Code);
        Assert.Contains("missing.h5", r.Err);
        Assert.Contains("not found", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        var v = CliRunner.Run("plot", path, "--verbose");
        Assert.Equal(1, v.Code);
        Assert.Contains("   at ", v.Err); // the stack trace, on request
    }

    [Fact]
    public void ResumeOfANonCheckpointSaysWhatItExpected()
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.Run("simulate", "cuba", "-n", "100", "-d", "5", "--out", dir.Path).Code);
        var r = CliRunner.Run("resume", dir.File("spikes.h5"));
        Assert.Equal(1, r.Code);
        Assert.Contains("brainsharp.snapshot", r.Err);
        Assert.Contains("spikes.h5", r.Err);
    }
}
