using System.Runtime.CompilerServices;
namespace BrainSharp.Dynamics;

/// <summary>
/// A fixed team of worker threads that run the same step loop with a spinning sense-reversing barrier between phases
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
    private volatile int _sense;
    private long _steps;
    private volatile bool _stop;
    private volatile bool _failed;
    private Exception? _error;

    public WorkerTeam(int workers, Action<int, long, WorkerTeam> body)
    {
        _n = workers; _body = body; _remaining = workers;
        _localSense = new int[workers * 16]; // padded against false sharing
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
        catch (Exception e) { mine = e; _failed = true; }
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
            catch (Exception e) { _error ??= e; _failed = true; }
            _done.Signal();
        }
    }

    /// <summary>Waits until every worker has reached this barrier.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Barrier(int w)
    {
        int sense = _localSense[w * 16] ^= 1;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _n;
            _sense = sense;
            return;
        }
        var spin = new SpinWait();
        while (_sense != sense)
        {
            if (_failed) throw new OperationCanceledException("Another worker failed.");
            spin.SpinOnce(sleep1Threshold: -1);
        }
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
        var spin = new SpinWait();
        if (w == 0)
        {
            while (Volatile.Read(ref _remaining) != 1)
            {
                if (_failed) throw new OperationCanceledException("Another worker failed.");
                spin.SpinOnce(sleep1Threshold: -1);
            }
            _remaining = _n;
            return;
        }
        Interlocked.Decrement(ref _remaining);
        while (_sense != sense)
        {
            if (_failed) throw new OperationCanceledException("Another worker failed.");
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Worker 0 ends the serial section begun by <see cref="Join"/> and lets the others continue.</summary>
    public void Release() => _sense = _localSense[0];

    public void Dispose()
    {
        if (_stop) return;
        _stop = true;
        _start.Release(_n - 1);
    }
}
