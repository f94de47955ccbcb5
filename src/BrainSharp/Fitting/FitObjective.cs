using System.Runtime.Intrinsics;

namespace BrainSharp.Fitting;

/// <summary>
/// A loss as a function of the unconstrained coordinates u of the fitted parameters (see <see cref="FitParameter"/>).
/// Subclasses write the loss once, generic over <see cref="IReal{T}"/>: evaluated with <see cref="Real"/> it is a plain
/// simulation; with <see cref="Dual8"/> it yields the exact gradient by forward mode. Thread-safe.
/// </summary>
public abstract class FitObjective
{
    private readonly int[] _fitIndex;
    private readonly double[] _base;
    private long _evaluations;

    protected FitObjective(TraceModel model, IReadOnlyList<FitParameter> fit, IReadOnlyDictionary<string, double>? fixedValues)
    {
        if (fit.Count == 0) throw new ArgumentException($"{model.Name}: no parameters to fit.");
        if (fit.Count > 8) throw new ArgumentException($"{model.Name}: at most 8 parameters can be fitted at once, got {fit.Count}.");
        Model = model; Fit = fit;
        _base = model.Defaults();
        if (fixedValues != null)
            foreach (var (name, value) in fixedValues)
            {
                if (!double.IsFinite(value)) throw new ArgumentException($"{model.Name}: fixed value of '{name}' is {value}.");
                _base[model.IndexOf(name)] = value;
            }
        _fitIndex = fit.Select(f => model.IndexOf(f.Name)).ToArray();
        if (_fitIndex.Distinct().Count() != _fitIndex.Length) throw new ArgumentException($"{model.Name}: a parameter is listed twice in the fit.");
    }

    public TraceModel Model { get; }
    public IReadOnlyList<FitParameter> Fit { get; }
    public int Dimension => Fit.Count;

    /// <summary>Number of evaluations so far (values and gradients).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>All model parameter values for unconstrained coordinates u.</summary>
    public double[] Values(ReadOnlySpan<double> u)
    {
        var p = (double[])_base.Clone();
        for (int j = 0; j < _fitIndex.Length; j++) p[_fitIndex[j]] = Fit[j].FromUnconstrained(u[j]);
        return p;
    }

    /// <summary>The fitted parameters' values for u.</summary>
    public double[] FittedValues(ReadOnlySpan<double> u)
    {
        var r = new double[Fit.Count];
        for (int j = 0; j < r.Length; j++) r[j] = Fit[j].FromUnconstrained(u[j]);
        return r;
    }

    /// <summary>The loss written once for both arithmetics: <paramref name="p"/> holds every model parameter.</summary>
    protected abstract T Compute<T>(T[] p) where T : struct, IReal<T>;

    /// <summary>Loss at u (+infinity where the simulation diverges).</summary>
    public virtual double Loss(ReadOnlySpan<double> u)
    {
        CountEvaluation();
        double f = Compute(RealParameters(u)).Value;
        return double.IsFinite(f) ? f : double.PositiveInfinity;
    }

    /// <summary>Loss at u and its exact gradient with respect to u.</summary>
    public virtual double LossAndGradient(ReadOnlySpan<double> u, Span<double> grad)
    {
        CountEvaluation();
        var f = Compute(DualParameters(u));
        for (int j = 0; j < grad.Length; j++) grad[j] = f.Grad.GetElement(j);
        return double.IsFinite(f.Value) ? f.Value : double.PositiveInfinity;
    }

    protected void CountEvaluation() => Interlocked.Increment(ref _evaluations);

    protected Real[] RealParameters(ReadOnlySpan<double> u) => Values(u).Select(x => new Real(x)).ToArray();

    /// <summary>Parameters as dual numbers whose derivative seeds are d(value)/du_j, so results differentiate with respect to u.</summary>
    protected Dual8[] DualParameters(ReadOnlySpan<double> u)
    {
        var values = Values(u);
        var p = new Dual8[values.Length];
        for (int i = 0; i < p.Length; i++) p[i] = Dual8.Constant(values[i]);
        Span<double> seed = stackalloc double[8];
        for (int j = 0; j < _fitIndex.Length; j++)
        {
            seed.Clear();
            seed[j] = Fit[j].Derivative(u[j]);
            p[_fitIndex[j]] = new Dual8(values[_fitIndex[j]], Vector512.Create((ReadOnlySpan<double>)seed));
        }
        return p;
    }
}
