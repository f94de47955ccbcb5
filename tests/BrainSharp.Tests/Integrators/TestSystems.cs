using BrainSharp.Integrators;

namespace BrainSharp.Tests.Integrators;

/// <summary>dy_i/dt = A_i + B_i y_i with constant coefficients; solution y_inf + (y0 - y_inf) exp(B t).</summary>
internal struct AffineSystem : ILinearSplitSystem
{
    public double[] A, B;
    public readonly int Dimension => A.Length;
    public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
    {
        for (int i = 0; i < A.Length; i++) d[i] = A[i] + B[i] * y[i];
    }
    public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
    {
        A.CopyTo(a); B.CopyTo(b);
    }
    public readonly double Exact(int i, double y0, double t)
    {
        double yinf = -A[i] / B[i];
        return yinf + (y0 - yinf) * Math.Exp(B[i] * t);
    }
}

/// <summary>x'' = -w^2 x as a first-order system; x = cos(w t), x' = -w sin(w t) from (1, 0).</summary>
internal struct HarmonicOscillator : IOdeSystem
{
    public double W;
    public readonly int Dimension => 2;
    public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d) { d[0] = y[1]; d[1] = -W * W * y[0]; }
}

/// <summary>Logistic growth y' = r y (1 - y); y(t) = 1 / (1 + (1/y0 - 1) exp(-r t)).</summary>
internal struct Logistic : IOdeSystem
{
    public double R;
    public readonly int Dimension => 1;
    public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d) { d[0] = R * y[0] * (1 - y[0]); }
    public readonly double Exact(double y0, double t) => 1.0 / (1.0 + (1.0 / y0 - 1.0) * Math.Exp(-R * t));
}

/// <summary>Geometric Brownian motion dX = mu X dt + sigma X dW; X_T = X_0 exp((mu - sigma^2/2) T + sigma W_T).</summary>
internal struct GeometricBrownianMotion : ISdeSystem
{
    public double Mu, Sigma;
    public readonly int Dimension => 1;
    public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d) => d[0] = Mu * y[0];
    public readonly void Diffusion(double t, ReadOnlySpan<double> y, Span<double> g) => g[0] = Sigma * y[0];
    public readonly void DiffusionDerivative(double t, ReadOnlySpan<double> y, Span<double> dg) => dg[0] = Sigma;
}
