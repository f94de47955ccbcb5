using BrainSharp.Integrators;

namespace BrainSharp.Neurons;

/// <summary>
/// Right-hand side shared by <see cref="AdExNeuron"/> and <see cref="ExpIfNeuron"/> (with a = 0, w = 0):
/// C dv/dt = -g_L (v - E_L) + g_L Delta_T exp((v - V_T)/Delta_T) - w + I - G v, tau_w dw/dt = a (v - E_L) - w.
/// The right-hand side sees v clamped at V_peak: beyond it the neuron has spiked anyway, and without the clamp an
/// intermediate Runge-Kutta stage on the upswing (v ~ 1e15) would kick w by a(v - E_L) and corrupt the reset state.
/// </summary>
internal struct ExpIfRhs : ILinearSplitSystem
{
    private const double MaxExponent = 40;
    private readonly double _c, _gl, _el, _vt, _dT, _a, _tauW, _vPeak;
    public double I, G;

    public ExpIfRhs(double c, double gl, double el, double vt, double deltaT, double a, double tauW, double vPeak)
    {
        _vPeak = vPeak; _c = c; _gl = gl; _el = el; _vt = vt; _dT = deltaT; _a = a; _tauW = tauW; I = 0; G = 0;
    }

    public readonly int Dimension => 2;

    public readonly void Derivatives(double t, ReadOnlySpan<double> y, Span<double> d)
    {
        double v = Math.Min(y[0], _vPeak);
        double e = Math.Exp(Math.Min((v - _vt) / _dT, MaxExponent));
        d[0] = (-_gl * (v - _el) + _gl * _dT * e - y[1] + I - G * v) / _c;
        d[1] = (_a * (v - _el) - y[1]) / _tauW;
    }

    public readonly void LinearSplit(double t, ReadOnlySpan<double> y, Span<double> a, Span<double> b)
    {
        double v = Math.Min(y[0], _vPeak);
        double x = (v - _vt) / _dT;
        double e = Math.Exp(Math.Min(x, MaxExponent));
        double f = (-_gl * (v - _el) + _gl * _dT * e - y[1] + I - G * v) / _c;
        b[0] = y[0] > _vPeak ? 0 : (-_gl - G + (x < MaxExponent ? _gl * e : 0)) / _c;
        a[0] = f - b[0] * y[0];
        a[1] = _a * (v - _el) / _tauW; b[1] = -1.0 / _tauW;
    }
}
