using BrainSharp.Fitting;

namespace BrainSharp.Learning.Reservoir;

/// <summary>
/// Offline linear readout of collected reservoir states by ridge regression (Tikhonov; as in echo-state networks,
/// Jaeger 2001; Lukosevicius &amp; Jaeger 2009): W = argmin ||X W + 1 b^T - Y||^2 + lambda ||W||^2, i.e.
/// (Xc^T Xc + lambda I) W = Xc^T Yc on centred states Xc and targets Yc, intercept b = mean(Y) - mean(X) W
/// (the intercept is not penalized). Solved by one Cholesky factorization for all outputs.
/// States X [samples, features] and targets Y [samples, outputs] are row-major; lambda is in units of squared
/// state values (dimensionless for rate reservoirs).
/// </summary>
public sealed class RidgeReadout
{
    /// <summary>Number of state features.</summary>
    public int Features { get; }
    /// <summary>Number of outputs.</summary>
    public int Outputs { get; }
    /// <summary>Ridge penalty used.</summary>
    public double Lambda { get; }
    /// <summary>Weights [Features, Outputs].</summary>
    public double[] Weights { get; }
    /// <summary>Intercept [Outputs] (zeros when fitted without one).</summary>
    public double[] Intercept { get; }

    private RidgeReadout(int features, int outputs, double lambda, double[] w, double[] b)
    {
        Features = features; Outputs = outputs; Lambda = lambda; Weights = w; Intercept = b;
    }

    /// <summary>Fits the readout. Throws naming the argument for negative/non-finite lambda, shape mismatches or non-finite data.</summary>
    public static RidgeReadout Fit(ReadOnlySpan<double> states, int samples, int features, ReadOnlySpan<double> targets, int outputs,
        double lambda, bool fitIntercept = true)
    {
        if (!(lambda >= 0) || !double.IsFinite(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "RidgeReadout: lambda must be finite and non-negative.");
        if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), samples, "RidgeReadout: samples must be positive.");
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), features, "RidgeReadout: features must be positive.");
        if (outputs <= 0) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "RidgeReadout: outputs must be positive.");
        if (states.Length != (long)samples * features)
            throw new ArgumentException($"RidgeReadout: states length {states.Length} != samples*features = {(long)samples * features}.", nameof(states));
        if (targets.Length != (long)samples * outputs)
            throw new ArgumentException($"RidgeReadout: targets length {targets.Length} != samples*outputs = {(long)samples * outputs}.", nameof(targets));
        CheckFinite(states, features, nameof(states));
        CheckFinite(targets, outputs, nameof(targets));

        int d = features, m = outputs;
        var mx = new double[d]; var my = new double[m];
        if (fitIntercept)
        {
            for (int s = 0; s < samples; s++)
            {
                for (int i = 0; i < d; i++) mx[i] += states[s * d + i];
                for (int q = 0; q < m; q++) my[q] += targets[s * m + q];
            }
            for (int i = 0; i < d; i++) mx[i] /= samples;
            for (int q = 0; q < m; q++) my[q] /= samples;
        }
        // Normal equations on centred data: A = Xc^T Xc + lambda I (lower triangle filled, then mirrored), R = Xc^T Yc.
        var a = new double[d * d]; var rhs = new double[d * m];
        var xc = new double[d];
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < d; i++) xc[i] = states[s * d + i] - mx[i];
            for (int i = 0; i < d; i++)
            {
                double xi = xc[i];
                if (xi == 0) continue;
                var row = a.AsSpan(i * d, i + 1);
                for (int j = 0; j <= i; j++) row[j] += xi * xc[j];
                for (int q = 0; q < m; q++) rhs[i * m + q] += xi * (targets[s * m + q] - my[q]);
            }
        }
        for (int i = 0; i < d; i++)
        {
            a[i * d + i] += lambda;
            for (int j = 0; j < i; j++) a[j * d + i] = a[i * d + j];
        }
        if (!Cholesky.Factor(a, d))
            throw new ArgumentException($"RidgeReadout: X^T X + lambda I is not positive definite with lambda = {lambda} (collinear or constant states); use lambda > 0.", nameof(lambda));
        var w = new double[d * m];
        var col = new double[d];
        for (int q = 0; q < m; q++)
        {
            for (int i = 0; i < d; i++) col[i] = rhs[i * m + q];
            Cholesky.SolveFactored(a, col, d);
            for (int i = 0; i < d; i++) w[i * m + q] = col[i];
        }
        var b = new double[m];
        if (fitIntercept)
            for (int q = 0; q < m; q++)
            {
                double acc = my[q];
                for (int i = 0; i < d; i++) acc -= mx[i] * w[i * m + q];
                b[q] = acc;
            }
        return new RidgeReadout(d, m, lambda, w, b);
    }

    /// <summary>Writes X W + b into <paramref name="output"/> [samples, Outputs].</summary>
    public void Predict(ReadOnlySpan<double> states, int samples, Span<double> output)
    {
        if (states.Length != (long)samples * Features)
            throw new ArgumentException($"RidgeReadout.Predict: states length {states.Length} != samples*features = {(long)samples * Features}.", nameof(states));
        if (output.Length != (long)samples * Outputs)
            throw new ArgumentException($"RidgeReadout.Predict: output length {output.Length} != samples*outputs = {(long)samples * Outputs}.", nameof(output));
        int d = Features, m = Outputs;
        for (int s = 0; s < samples; s++)
            for (int q = 0; q < m; q++)
            {
                double acc = Intercept[q];
                for (int i = 0; i < d; i++) acc += states[s * d + i] * Weights[i * m + q];
                output[s * m + q] = acc;
            }
    }

    private static void CheckFinite(ReadOnlySpan<double> v, int width, string name)
    {
        for (int i = 0; i < v.Length; i++)
            if (!double.IsFinite(v[i]))
                throw new ArgumentException($"RidgeReadout: {name}[{i / width}, {i % width}] is {v[i]}; all values must be finite.", name);
    }
}
