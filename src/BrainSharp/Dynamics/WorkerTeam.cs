using System.Runtime.CompilerServices;
namespace BrainSharp.Dynamics;

/// <summary>
/// A fixed team of worker threads that run the same step loop with a spin-then-block sense-reversing barrier between phases
/// (<see cref="Barrier"/>, or <see cref="Join"/>/<see cref="Release"/> around a section worker 0 runs alone).
/// The caller's thread is worker 0. Workers sleep on a semaphore between runs, so an idle network costs nothing.
/// </summary>
internal sealed class WorkerTeam : IDisposable
{
    private readonly int _n;
    private readonly Action<int, long, WorkerTeam> _body;
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim _start = new(0);
    private readonly CountdownEvent _done;
    private readonly int[] _localSense;
    private int _remaining;
    private int _sense; // written with Interlocked.Exchange, read through the wait predicates
    private long _steps;
    private volatile bool _stop;
    private volatile bool _failed;
    private Exception? _error;

    public WorkerTeam(int workers, Action<int, long, WorkerTeam> body)
    {
        _n = workers; _body = body; _remaining = workers;
        _localSense = new int[workers * 16]; // padded against false sharing
        _ping = new int[workers * 16];
        _pong = new int[workers * 16];
        _done = new CountdownEvent(workers - 1);
        _threads = new Thread[workers - 1];
        for (int w = 1; w < workers; w++)
        {
            int id = w;
            _threads[w - 1] = new Thread(() => Loop(id)) { IsBackground = true, Name = $"BrainSharp worker {id}" };
            _threads[w - 1].Start();
        }
    }

    /// <summary>Runs <paramref name="steps"/> steps on all workers; returns when all are done. Rethrows a worker's exception.</summary>
    public void Run(long steps)
    {
        _steps = steps;
        _done.Reset();
        _start.Release(_n - 1);
        Exception? mine = null;
        try { _body(0, steps, this); }
        catch (Exception e) { mine = e; _failed = true; WakeSleepers(); }
        _done.Wait();
        if (_error is not null || mine is not null)
        {
            // Prefer the original failure over the cancellation it caused on the other workers.
            var e = _error ?? mine!;
            // A failed run leaves the barrier in an unknown phase: this team cannot be reused.
            Dispose();
            throw new InvalidOperationException($"Network: a worker thread failed during the step loop: {e.Message}", e);
        }
    }

    private void Loop(int w)
    {
        while (true)
        {
            _start.Wait();
            if (_stop) return;
            try { _body(w, _steps, this); }
            catch (OperationCanceledException) { }
            catch (Exception e) { _error ??= e; _failed = true; WakeSleepers(); }
            _done.Signal();
        }
    }

    /// <summary>Whether a worker has failed in this run (waits outside the barrier must give up then).</summary>
    public bool Failed => _failed;

    /// <summary>Waits until every worker has reached this barrier.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Barrier(int w)
    {
        int sense = _localSense[w * 16] ^= 1;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _n;
            Interlocked.Exchange(ref _sense, sense);
            WakeSleepers();
            return;
        }
        WaitUntil(sense);
    }

    /// <summary>
    /// First half of a barrier with a serial section: every worker calls it; worker 0 returns once all others have arrived
    /// (and must then call <see cref="Release"/>), the others return when worker 0 releases them. Saves one barrier per
    /// serial section compared with barrier, serial work, barrier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Join(int w)
    {
        int sense = _localSense[w * 16] ^= 1;
        if (w == 0)
        {
            if (Volatile.Read(ref _remaining) != 1) WaitUntil(-1);
            _remaining = _n;
            return;
        }
        if (Interlocked.Decrement(ref _remaining) == 1) WakeSleepers();
        WaitUntil(sense);
    }

    /// <summary>Worker 0 ends the serial section begun by <see cref="Join"/> and lets the others continue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Release()
    {
        Interlocked.Exchange(ref _sense, _localSense[0]);
        WakeSleepers();
    }

    // Spin, then block: on dedicated cores a phase ends within microseconds and spinning answers fastest. After its first
    // spins SpinWait yields the time slice on every round, so a waiter that shares a core with the worker it waits for
    // does not starve it. Only after SpinBudget without progress does a waiter sleep on a monitor: a blocked thread is
    // woken by the kernel, and on a virtual machine its halted vCPU by the hypervisor, 50-100+ us later, longer than a
    // whole step of a 64000-neuron network. Session 3 blocked after 30 rounds (~10-30 us), so every hiccup of a worker
    // (an interrupt, a page fault) cost a wake-up on the step's critical path; with a 1 ms budget, alternated 300 ms runs
    // of COBA-64000 on 2 threads ran 5-18 % faster. The sleeper count is raised (a full fence) before the predicate is
    // re-checked under the lock, and the changer publishes with a full fence before reading the count, so a wake-up
    // cannot be missed.
    private const int SpinsBeforeYielding = 10;
    private static readonly long SpinBudget = System.Diagnostics.Stopwatch.Frequency / 1000;
    private readonly object _gate = new();
    private int _sleepers;

    /// <summary>Waits until the barrier sense equals <paramref name="sense"/>, or with -1 until all other workers have joined (worker 0).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void WaitUntil(int sense)
    {
        var spin = new SpinWait();
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!Done(sense))
        {
            if (_failed) throw new OperationCanceledException("Another worker failed.");
            if (spin.Count < SpinsBeforeYielding || System.Diagnostics.Stopwatch.GetTimestamp() - start < SpinBudget)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            Interlocked.Increment(ref _sleepers);
            try
            {
                lock (_gate)
                    while (!Done(sense) && !_failed) Monitor.Wait(_gate);
            }
            finally { Interlocked.Decrement(ref _sleepers); }
        }
    }

    private bool Done(int sense) => sense < 0 ? Volatile.Read(ref _remaining) == 1 : Volatile.Read(ref _sense) == sense;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WakeSleepers()
    {
        if (Volatile.Read(ref _sleepers) == 0) return;
        lock (_gate) Monitor.PulseAll(_gate);
    }

    // Line round trips between worker 0 and each other worker (MeasureRoundTrip): per worker, padded against false sharing.
    private readonly int[] _ping, _pong;
    private const int RoundTrips = 16;

    /// <summary>
    /// Every worker calls this at the same point of the same step (right after a join's release, when all are running).
    /// Worker 0 bounces one cache line <see cref="RoundTrips"/> times with each other worker in turn and returns the mean
    /// round trip in nanoseconds; the others answer and return NaN. Gives up (NaN on worker 0) when a partner does not
    /// answer within 200 us, i.e. is not running: then nothing is known about where the two vCPUs sit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double MeasureRoundTrip(int w, int measurement)
    {
        if (_n < 2) return double.NaN;
        int tag = (measurement & 0x7FFFFF) << 8, stop = tag | 0xFF;
        long patience = System.Diagnostics.Stopwatch.Frequency / 5000;
        if (w == 0)
        {
            long total = 0;
            for (int v = 1; v < _n; v++)
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                for (int i = 1; i <= RoundTrips; i++)
                {
                    Volatile.Write(ref _ping[v * 16], tag | i);
                    while (Volatile.Read(ref _pong[v * 16]) != (tag | i))
                        if (System.Diagnostics.Stopwatch.GetTimestamp() - start > patience)
                        {
                            for (int u = v; u < _n; u++) Volatile.Write(ref _ping[u * 16], stop);
                            return double.NaN;
                        }
                }
                total += System.Diagnostics.Stopwatch.GetTimestamp() - start;
            }
            return total * 1e9 / System.Diagnostics.Stopwatch.Frequency / ((_n - 1) * RoundTrips);
        }
        // Worker w waits its turn behind the workers before it: its own patience grows with their number.
        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + patience * w;
        for (int i = 1; i <= RoundTrips; i++)
        {
            int p;
            while ((p = Volatile.Read(ref _ping[w * 16])) != (tag | i))
                if (p == stop || System.Diagnostics.Stopwatch.GetTimestamp() > deadline) return double.NaN;
            Volatile.Write(ref _pong[w * 16], tag | i);
        }
        return double.NaN;
    }

    public void Dispose()
    {
        if (_stop) return;
        _stop = true;
        _start.Release(_n - 1);
    }
}
