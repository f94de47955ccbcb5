namespace BrainSharp.Integrators;

/// <summary>
/// Adaptive Dormand-Prince 5(4) (the method of MATLAB's ode45 and SciPy's RK45) for small float64 systems: a fifth-order
/// solution, an embedded fourth-order error estimate, the first-same-as-last property (6 evaluations per accepted step)
/// and an optional fourth-order continuous extension for output at arbitrary times. The step is accepted when
/// sqrt(mean((err_i / (atol + rtol max(|y_i|, |y_new_i|)))^2)) &lt;= 1 and resized by 0.9 err^(-1/5), within [0.2, 10].
/// Example: for dv/dt = -v/tau over 100 ms with rtol = 1e-8 the relative error stays near 1e-8 or below.
/// Used as the independent reference solver in model tests and for fitting small models.
/// </summary>
public sealed class DormandPrince45
{
    // Butcher tableau (Dormand & Prince 1980).
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;
    // Fifth minus embedded fourth order weights.
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;
    // Continuous extension (Hairer, Norsett & Wanner; as in SciPy's RK45): Q_i(theta) = sum_j P[i, j] theta^(j+1).
    private static readonly double[,] P =
    {
        { 1, -8048581381.0 / 2820520608, 8663915743.0 / 2820520608, -12715105075.0 / 11282082432 },
        { 0, 0, 0, 0 },
        { 0, 131558114200.0 / 32700410799, -68118460800.0 / 10900136933, 87487479700.0 / 32700410799 },
        { 0, -1754552775.0 / 470086768, 14199869525.0 / 1410260304, -10690763975.0 / 1880347072 },
        { 0, 127303824393.0 / 49829197408, -318862633887.0 / 49829197408, 701980252875.0 / 199316789632 },
        { 0, -282668133.0 / 205662961, 2019193451.0 / 616988883, -1453857185.0 / 822651844 },
        { 0, 40617522.0 / 29380423, -110615467.0 / 29380423, 69997945.0 / 29380423 },
    };

    /// <summary>Creates a solver; tolerances must be non-negative with at least one positive.</summary>
    public DormandPrince45(double relativeTolerance = 1e-6, double absoluteTolerance = 1e-9, double maxStep = double.PositiveInfinity)
    {
        if (!(relativeTolerance >= 0) || !double.IsFinite(relativeTolerance))
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "DormandPrince45: relativeTolerance must be finite and >= 0.");
        if (!(absoluteTolerance >= 0) || !double.IsFinite(absoluteTolerance))
            throw new ArgumentOutOfRangeException(nameof(absoluteTolerance), absoluteTolerance, "DormandPrince45: absoluteTolerance must be finite and >= 0.");
        if (relativeTolerance == 0 && absoluteTolerance == 0)
            throw new ArgumentException("DormandPrince45: relativeTolerance and absoluteTolerance cannot both be 0.");
        if (!(maxStep > 0))
            throw new ArgumentOutOfRangeException(nameof(maxStep), maxStep, "DormandPrince45: maxStep (ms) must be positive.");
        RelativeTolerance = relativeTolerance; AbsoluteTolerance = absoluteTolerance; MaxStep = maxStep;
    }

    /// <summary>Relative tolerance per component.</summary>
    public double RelativeTolerance { get; }
    /// <summary>Absolute tolerance per component, in the component's unit.</summary>
    public double AbsoluteTolerance { get; }
    /// <summary>Largest step allowed, ms (limit it to resolve brief inputs or spikes).</summary>
    public double MaxStep { get; }
    /// <summary>Upper bound on accepted + rejected steps per call before giving up.</summary>
    public int MaxSteps { get; init; } = 10_000_000;
    /// <summary>Accepted steps in the last call.</summary>
    public int AcceptedSteps { get; private set; }
    /// <summary>Rejected steps in the last call.</summary>
    public int RejectedSteps { get; private set; }
    /// <summary>Right-hand-side evaluations in the last call.</summary>
    public int Evaluations { get; private set; }

    /// <summary>Integrates from t0 to t1 (ms), overwriting <paramref name="y"/> with y(t1).</summary>
    public void Integrate<TSys>(ref TSys sys, double t0, Span<double> y, double t1) where TSys : IOdeSystem
        => Run(ref sys, t0, y, t1, ReadOnlySpan<double>.Empty, Span<double>.Empty);

    /// <summary>
    /// Integrates from t0 to the last of <paramref name="tOut"/> (ascending, all >= t0) and writes the dense-output
    /// solution at each requested time into <paramref name="yOut"/>, laid out [tOut.Length, dim]; y ends at y(tOut[^1]).
    /// </summary>
    public void Integrate<TSys>(ref TSys sys, double t0, Span<double> y, ReadOnlySpan<double> tOut, Span<double> yOut) where TSys : IOdeSystem
    {
        if (tOut.Length == 0) throw new ArgumentException("DormandPrince45: tOut is empty.", nameof(tOut));
        if (yOut.Length < tOut.Length * y.Length)
            throw new ArgumentException($"DormandPrince45: yOut holds {yOut.Length} values, needs {tOut.Length * y.Length}.", nameof(yOut));
        for (int i = 0; i < tOut.Length; i++)
            if (!(tOut[i] >= t0) || (i > 0 && tOut[i] < tOut[i - 1]))
                throw new ArgumentException($"DormandPrince45: tOut must be ascending and >= t0 = {t0} (tOut[{i}] = {tOut[i]}).", nameof(tOut));
        Run(ref sys, t0, y, tOut[^1], tOut, yOut);
    }

    private void Run<TSys>(ref TSys sys, double t0, Span<double> y, double t1, ReadOnlySpan<double> tOut, Span<double> yOut) where TSys : IOdeSystem
    {
        int n = y.Length;
        if (n != sys.Dimension) throw new ArgumentException($"DormandPrince45: y has {n} values, system dimension is {sys.Dimension}.", nameof(y));
        if (!(t1 >= t0)) throw new ArgumentOutOfRangeException(nameof(t1), t1, $"DormandPrince45: t1 must be >= t0 = {t0}.");
        AcceptedSteps = RejectedSteps = Evaluations = 0;
        var w = new double[10 * n];
        Span<double> k1 = w.AsSpan(0, n), k2 = w.AsSpan(n, n), k3 = w.AsSpan(2 * n, n), k4 = w.AsSpan(3 * n, n),
            k5 = w.AsSpan(4 * n, n), k6 = w.AsSpan(5 * n, n), k7 = w.AsSpan(6 * n, n), tmp = w.AsSpan(7 * n, n), yNew = w.AsSpan(8 * n, n);
        int outIdx = 0;
        while (outIdx < tOut.Length && tOut[outIdx] == t0) { y.CopyTo(yOut.Slice(outIdx * n, n)); outIdx++; }
        if (t1 == t0) return;

        double t = t0;
        sys.Derivatives(t, y, k1); Evaluations++;
        double h = Math.Min(InitialStep(ref sys, t, y, k1, t1 - t0, tmp, k2), MaxStep);
        while (t < t1)
        {
            if (AcceptedSteps + RejectedSteps >= MaxSteps)
                throw new InvalidOperationException($"DormandPrince45: gave up after {MaxSteps} steps at t = {t} ms (stiff or singular system?).");
            double minStep = 16 * Math.Abs(Math.BitIncrement(t) - t);
            if (h < minStep) throw new InvalidOperationException($"DormandPrince45: step size {h} ms underflowed at t = {t} ms.");
            bool last = t + h >= t1 || t + 1.01 * h >= t1;
            if (last) h = t1 - t;

            for (int i = 0; i < n; i++) tmp[i] = y[i] + h * A21 * k1[i];
            sys.Derivatives(t + C2 * h, tmp, k2);
            for (int i = 0; i < n; i++) tmp[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
            sys.Derivatives(t + C3 * h, tmp, k3);
            for (int i = 0; i < n; i++) tmp[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
            sys.Derivatives(t + C4 * h, tmp, k4);
            for (int i = 0; i < n; i++) tmp[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
            sys.Derivatives(t + C5 * h, tmp, k5);
            for (int i = 0; i < n; i++) tmp[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
            sys.Derivatives(t + h, tmp, k6);
            for (int i = 0; i < n; i++) yNew[i] = y[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
            double tNew = last ? t1 : t + h;
            sys.Derivatives(tNew, yNew, k7);
            Evaluations += 6;

            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
                double sc = AbsoluteTolerance + RelativeTolerance * Math.Max(Math.Abs(y[i]), Math.Abs(yNew[i]));
                double r = e / sc; sum += r * r;
            }
            double err = Math.Sqrt(sum / n);
            if (double.IsNaN(err)) throw new InvalidOperationException($"DormandPrince45: the solution became NaN at t = {t} ms.");

            if (err <= 1.0)
            {
                while (outIdx < tOut.Length && tOut[outIdx] <= tNew)
                {
                    var dst = yOut.Slice(outIdx * n, n);
                    if (tOut[outIdx] == tNew) yNew.CopyTo(dst);
                    else Dense((tOut[outIdx] - t) / h, h, y, k1, k3, k4, k5, k6, k7, dst);
                    outIdx++;
                }
                yNew.CopyTo(y);
                k7.CopyTo(k1);
                t = tNew;
                AcceptedSteps++;
                double grow = err == 0 ? 10.0 : Math.Min(10.0, 0.9 * Math.Pow(err, -0.2));
                h = Math.Min(h * grow, MaxStep);
            }
            else
            {
                RejectedSteps++;
                h *= Math.Max(0.2, 0.9 * Math.Pow(err, -0.2));
            }
        }
    }

    private static void Dense(double th, double h, ReadOnlySpan<double> y, ReadOnlySpan<double> k1, ReadOnlySpan<double> k3,
        ReadOnlySpan<double> k4, ReadOnlySpan<double> k5, ReadOnlySpan<double> k6, ReadOnlySpan<double> k7, Span<double> dst)
    {
        Span<double> q = stackalloc double[7];
        for (int s = 0; s < 7; s++)
            q[s] = th * (P[s, 0] + th * (P[s, 1] + th * (P[s, 2] + th * P[s, 3])));
        for (int i = 0; i < y.Length; i++)
            dst[i] = y[i] + h * (q[0] * k1[i] + q[2] * k3[i] + q[3] * k4[i] + q[4] * k5[i] + q[5] * k6[i] + q[6] * k7[i]);
    }

    // Hairer, Norsett & Wanner (1993), II.4: a step whose Euler error would be about the tolerance.
    private double InitialStep<TSys>(ref TSys sys, double t, ReadOnlySpan<double> y, ReadOnlySpan<double> f0, double span,
        Span<double> y1, Span<double> f1) where TSys : IOdeSystem
    {
        int n = y.Length;
        double d0 = 0, d1 = 0;
        for (int i = 0; i < n; i++)
        {
            double sc = AbsoluteTolerance + RelativeTolerance * Math.Abs(y[i]);
            d0 += (y[i] / sc) * (y[i] / sc); d1 += (f0[i] / sc) * (f0[i] / sc);
        }
        d0 = Math.Sqrt(d0 / n); d1 = Math.Sqrt(d1 / n);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(h0, span);
        for (int i = 0; i < n; i++) y1[i] = y[i] + h0 * f0[i];
        sys.Derivatives(t + h0, y1, f1); Evaluations++;
        double d2 = 0;
        for (int i = 0; i < n; i++)
        {
            double sc = AbsoluteTolerance + RelativeTolerance * Math.Abs(y[i]);
            double r = (f1[i] - f0[i]) / sc; d2 += r * r;
        }
        d2 = Math.Sqrt(d2 / n) / h0;
        double m = Math.Max(d1, d2);
        double h1 = m <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / m, 0.2);
        return Math.Min(Math.Min(100 * h0, h1), span);
    }
}
