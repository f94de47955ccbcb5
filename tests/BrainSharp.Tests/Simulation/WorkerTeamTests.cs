using BrainSharp.Dynamics;

namespace BrainSharp.Tests.Simulation;

/// <summary>
/// The spin-then-block team synchronisation: with more workers than cores and workers that stall (so waiters go past the
/// spin and block), every join must see all workers' writes before the serial section and no worker may pass a join before
/// the release; a failing worker must end the run with its exception instead of leaving blocked waiters behind.
/// </summary>
public class WorkerTeamTests
{
    [Fact]
    public void JoinAndBarrierOrderAllWorkersEvenWhenWaitersBlock()
    {
        const int workers = 4, steps = 400;
        var slot = new long[workers];
        long shared = -1;
        int violations = 0;
        void Body(int w, long n, WorkerTeam team)
        {
            var rng = new System.Random(w);
            for (long s = 0; s < n; s++)
            {
                if (rng.Next(50) == 0) Thread.Sleep(1); // a stalled worker: the others spin out and block
                Volatile.Write(ref slot[w], s);
                team.Join(w);
                if (w == 0)
                {
                    for (int k = 0; k < workers; k++) if (Volatile.Read(ref slot[k]) != s) Interlocked.Increment(ref violations);
                    Volatile.Write(ref shared, s);
                    team.Release();
                }
                if (Volatile.Read(ref shared) != s) Interlocked.Increment(ref violations);
                team.Barrier(w);
                // After the barrier nobody may still be at step s - 1.
                for (int k = 0; k < workers; k++) if (Volatile.Read(ref slot[k]) < s) Interlocked.Increment(ref violations);
            }
        }
        using var team = new WorkerTeam(workers, Body);
        team.Run(steps);
        team.Run(steps); // reusable after a clean run
        Assert.Equal(0, violations);
        Assert.Equal(steps - 1, shared);
    }

    [Fact]
    public void FailingWorkerEndsTheRunWithItsException()
    {
        void Body(int w, long n, WorkerTeam team)
        {
            for (long s = 0; s < n; s++)
            {
                if (w == 2 && s == 30) { Thread.Sleep(20); throw new ArithmeticException("worker 2 broke"); }
                team.Join(w);
                if (w == 0) team.Release();
            }
        }
        var team = new WorkerTeam(3, Body);
        var e = Assert.Throws<InvalidOperationException>(() => team.Run(1000));
        Assert.IsType<ArithmeticException>(e.InnerException);
        Assert.Contains("worker 2 broke", e.Message);
    }
}
