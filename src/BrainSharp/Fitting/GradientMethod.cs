namespace BrainSharp.Fitting;

/// <summary>The local optimizer of a gradient fit.</summary>
public enum GradientMethod
{
    /// <summary>Levenberg-Marquardt on the Gauss-Newton matrix from forward-mode simulation (least-squares losses).</summary>
    LevenbergMarquardt,
    /// <summary>L-BFGS on the exact gradient (any smooth loss).</summary>
    Lbfgs,
}
