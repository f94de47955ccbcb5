using BrainSharp.Running;

namespace BrainSharp.Tests.Simulation;

public class SpikeStoreTests
{
    /// <summary>Against a plain list: appends that cross the 65536-entry blocks, reads between appends, clear and reuse.</summary>
    [Fact]
    public void MatchesAPlainListAcrossBlocksReadsAndClear()
    {
        var store = new SpikeStore();
        var rng = new System.Random(3);
        for (int round = 0; round < 2; round++)
        {
            var idx = new List<int>(); var steps = new List<int>();
            for (int step = 0; step < 5000; step++)
            {
                int n = rng.Next(0, 3) == 0 ? 0 : rng.Next(1, 120);
                var spikes = Enumerable.Range(0, n).Select(_ => rng.Next(0, 64000)).ToArray();
                store.Append(spikes, step + 7);
                idx.AddRange(spikes); steps.AddRange(Enumerable.Repeat(step + 7, n));
                if (step % 997 == 0)
                {
                    Assert.Equal(idx, store.Indices.ToArray());
                    Assert.Equal(steps, store.Steps.ToArray());
                }
            }
            Assert.True(idx.Count > 65536 * 2, "the test must cross block boundaries");
            Assert.Equal(idx.Count, store.Count);
            Assert.Equal(idx, store.Indices.ToArray());
            Assert.Equal(steps, store.Steps.ToArray());
            store.Clear();
            Assert.Equal(0, store.Count);
            Assert.True(store.Indices.IsEmpty);
        }
    }
}
