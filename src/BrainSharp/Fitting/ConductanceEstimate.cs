namespace BrainSharp.Fitting;

/// <summary>
/// Data-driven initial guess for a conductance-based model (<see cref="IConductanceBasedModel"/>): the capacitance and
/// maximal conductances among the fitted parameters are estimated by linear least squares on the recorded traces,
/// without simulating the membrane equation.
///
/// The gates are driven by the recorded voltage (a voltage clamp on paper, with the model's own gate update and initial
/// state), which gives the open fractions o_c(t). Divided by C, the membrane equation is linear in a = 1/C and
/// beta_c = g_c / C; summed over the steps from the start of each protocol it reads
///
///   v_t - v_0 = a S_I(t) + sum_c beta_c S_c(t),   S_I(t) = sum_{i&lt;t} dt phi_i I_i,   S_c(t) = sum_{i&lt;t} dt phi_i o_c(i) (E_c - v_i),
///
/// one row per sample. The summed (integral) form is used rather than dv/dt because differentiating a noisy recording
/// amplifies its noise by 1/dt: a 1 mV noise at dt = 0.01 ms hides a 10 nS leak in the derivative entirely, while in
/// the summed form each row carries the noise of one sample. That noise (in v_t) is independent of the regressors,
/// which use only samples before t, so the least squares are not biased by it. phi_i is the exponential-Euler factor
/// (1 - e^{-x}) / x, x = dt sum_c g_c o_c(i) / C, of models that integrate v that way (1 in the first pass, then taken
/// from the previous estimate, until it no longer moves: a few passes), which makes the rows exact for noise-free traces of the model.
/// C = 1/a, g_c = beta_c / a. Fitted parameters that enter nonlinearly (reversal potentials, rate shifts) are taken at
/// the middle of their boxes; parameters not fitted keep the objective's fixed values. An estimate outside its bounds
/// is held at the nearest bound and the others are solved again (an active-set pass), so the guess is admissible.
/// Cost: one pass of the gate equations per protocol plus a few passes of sums, about one plain simulation.
///
/// It is the starting point of the gradient fit (<see cref="TraceFitter.EstimateConductances"/>), not its result:
/// nonlinear parameters are not estimated and the recording noise also enters the gates.
/// </summary>
public static class ConductanceEstimate
{
    private const int MaxPasses = 12;

    /// <summary>
    /// Values (model units, in <see cref="FitObjective.Fit"/> order) of the fitted parameters: capacitance and maximal
    /// conductances estimated by least squares, other fitted parameters at the middle of their (log-)boxes. Throws,
    /// naming the model, if it is not conductance-based or none of the fitted parameters enters linearly.
    /// </summary>
    public static double[] Estimate(TraceObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var model = objective.Model as IConductanceBasedModel
            ?? throw new ArgumentException($"{objective.Model.Name}: the conductance estimate needs a conductance-based model (IConductanceBasedModel); this model is not one.");
        var fit = objective.Fit;
        int nc = model.Channels.Count;
        // Linear slot s: 0 = C, 1 + c = g of channel c. fitSlot[s] = index in the fit list, or -1 when fixed.
        var slotParam = new int[1 + nc];
        slotParam[0] = objective.Model.IndexOf(model.CapacitanceParameter);
        for (int c = 0; c < nc; c++) slotParam[1 + c] = objective.Model.IndexOf(model.Channels[c].Conductance);
        var fitSlot = new int[1 + nc];
        for (int s = 0; s <= nc; s++)
        {
            fitSlot[s] = -1;
            for (int j = 0; j < fit.Count; j++) if (objective.Model.IndexOf(fit[j].Name) == slotParam[s]) fitSlot[s] = j;
        }
        if (Array.TrueForAll(fitSlot, j => j < 0))
            throw new ArgumentException($"{objective.Model.Name}: none of the fitted parameters ({string.Join(", ", fit.Select(f => f.Name))}) is the capacitance or a maximal conductance; nothing to estimate.");

        // Every fitted parameter starts at the middle of its box (u = 0); the nonlinear ones stay there.
        var p = objective.Values(new double[fit.Count]);
        var reversal = new double[nc];
        for (int c = 0; c < nc; c++) reversal[c] = p[objective.Model.IndexOf(model.Channels[c].Reversal)];

        var data = objective.Data;
        int n = data.Samples;
        var open = new double[data.Protocols][];
        for (int k = 0; k < data.Protocols; k++)
        {
            open[k] = new double[nc * n];
            model.OpenFractions(p, data.Voltages[k], data.Dt, open[k]);
        }

        // Known linear values: the fixed ones, then any estimate held at a bound by the active-set pass.
        var fixedKnown = new double?[1 + nc];
        for (int s = 0; s <= nc; s++) if (fitSlot[s] < 0) fixedKnown[s] = p[slotParam[s]];
        var est = new double[1 + nc];
        int L = 2 + nc;
        var gram = new double[L * L];
        // Pass 0 takes phi = 1 (forward Euler); later passes take the exponential-Euler factor of the previous estimate,
        // until the estimate moves by less than 1e-9 (relative; a handful of passes).
        int passes = model.ExponentialEuler ? MaxPasses : 1;
        var previous = new double[1 + nc];
        for (int pass = 0; pass < passes; pass++)
        {
            Array.Copy(est, previous, est.Length);
            Accumulate(data, open, reversal, pass == 0 ? null : est, gram);
            var known = (double?[])fixedKnown.Clone();
            for (int round = 0; round <= nc + 1; round++)
            {
                Solve(gram, L, known, est);
                int worst = -1; double worstExcess = 0, clampTo = 0;
                for (int s = 0; s <= nc; s++)
                {
                    if (known[s] != null) continue;
                    var f = fit[fitSlot[s]];
                    double x = est[s];
                    if (double.IsFinite(x) && x >= f.Lower && x <= f.Upper) continue;
                    double excess = !double.IsFinite(x) || (x <= 0 && (s == 0 || f.LogScale)) ? double.PositiveInfinity
                        : f.LogScale ? Math.Max(Math.Log(f.Lower / x), Math.Log(x / f.Upper)) : Math.Max(f.Lower - x, x - f.Upper) / (f.Upper - f.Lower);
                    if (excess > worstExcess || worst < 0)
                    {
                        worst = s; worstExcess = excess;
                        // A non-positive 1/C means an unbounded capacitance: hold C at its upper bound.
                        clampTo = double.IsFinite(x) && x > f.Upper ? f.Upper : x <= 0 && s == 0 ? f.Upper : f.Lower;
                    }
                }
                if (worst < 0) break;
                known[worst] = clampTo;
            }
            for (int s = 0; s <= nc; s++) if (known[s] != null) est[s] = known[s]!.Value;
            double change = 0;
            for (int s = 0; s <= nc; s++) change = Math.Max(change, Math.Abs(est[s] - previous[s]) / Math.Abs(est[s]));
            if (pass > 0 && change < 1e-9) break;
        }

        var result = objective.FittedValues(new double[fit.Count]);
        for (int s = 0; s <= nc; s++) if (fitSlot[s] >= 0) result[fitSlot[s]] = est[s];
        return result;
    }

    // Gram matrix of the raw columns z = [v_t - v_0, S_I(t), S_1(t) .. S_nc(t)] over every sample t of every protocol, with
    // S_I(t) = sum_{i<t} dt phi_i I_i and S_c(t) = sum_{i<t} dt phi_i o_c(i) (E_c - v_i): the membrane equation summed
    // from the start of the protocol, v_t - v_0 = a S_I(t) + sum_c beta_c S_c(t). Every regression is a linear
    // combination of these columns, so one pass over the data serves all active-set rounds.
    // est = null: phi = 1; otherwise phi_i = (1 - e^{-x}) / x with x = dt sum_c g_c o_c(i) / C from est.
    private static void Accumulate(TraceData data, double[][] open, double[] reversal, double[]? est, double[] gram)
    {
        int nc = reversal.Length, L = 2 + nc, n = data.Samples;
        double dt = data.Dt;
        Array.Clear(gram);
        var z = new double[L];
        var sums = new double[1 + nc];
        for (int k = 0; k < data.Protocols; k++)
        {
            var v = data.Voltages[k];
            var cur = data.Currents[k];
            var o = open[k];
            Array.Clear(sums);
            for (int t = 1; t < n; t++)
            {
                int i = t - 1;
                double phi = 1;
                if (est != null)
                {
                    double g = 0;
                    for (int c = 0; c < nc; c++) g += est[1 + c] * o[c * n + i];
                    double x = dt * g / est[0];
                    phi = !double.IsFinite(x) ? 1 : x > 1e-4 ? (1 - Math.Exp(-x)) / x : 1 - x * (0.5 - x / 6);
                }
                sums[0] += dt * phi * cur[i];
                for (int c = 0; c < nc; c++) sums[1 + c] += dt * phi * o[c * n + i] * (reversal[c] - v[i]);
                z[0] = v[t] - v[0];
                for (int j = 0; j <= nc; j++) z[1 + j] = sums[j];
                for (int a = 0; a < L; a++)
                {
                    double za = z[a];
                    for (int b = 0; b <= a; b++) gram[a * L + b] += za * z[b];
                }
            }
        }
        for (int a = 0; a < L; a++) for (int b = a + 1; b < L; b++) gram[a * L + b] = gram[b * L + a];
    }

    // Least squares for the unknown slots given the known ones; writes C and g_c to est (NaN where unidentifiable).
    private static void Solve(double[] gram, int L, double?[] known, double[] est)
    {
        int nc = L - 2;
        // Each regression column is a weight vector over z. y = v_t - v_0 - (terms with known coefficients).
        var cols = new List<(int Slot, double[] W)>();
        var wy = new double[L];
        wy[0] = 1;
        if (known[0] is double cKnown)
        {
            double a = 1 / cKnown;
            wy[1] -= a;
            for (int c = 0; c < nc; c++) if (known[1 + c] is double g) wy[2 + c] -= a * g;
        }
        else
        {
            // a multiplies I and every known g_c x_c.
            var wa = new double[L];
            wa[1] = 1;
            for (int c = 0; c < nc; c++) if (known[1 + c] is double g) wa[2 + c] = g;
            cols.Add((0, wa));
        }
        for (int c = 0; c < nc; c++)
            if (known[1 + c] == null) { var w = new double[L]; w[2 + c] = 1; cols.Add((1 + c, w)); }

        int d = cols.Count;
        double a0 = known[0] is double ck ? 1 / ck : double.NaN;
        if (d == 0) return;
        var A = new double[d * d];
        var b = new double[d];
        for (int i = 0; i < d; i++)
        {
            b[i] = Quad(gram, L, cols[i].W, wy);
            for (int j = 0; j < d; j++) A[i * d + j] = Quad(gram, L, cols[i].W, cols[j].W);
        }
        // Scale to unit diagonal: the columns differ by orders of magnitude (pA vs mV x open fraction).
        var scale = new double[d];
        for (int i = 0; i < d; i++) scale[i] = A[i * d + i] > 0 ? 1 / Math.Sqrt(A[i * d + i]) : 0;
        for (int i = 0; i < d; i++)
        {
            b[i] *= scale[i];
            for (int j = 0; j < d; j++) A[i * d + j] *= scale[i] * scale[j];
            A[i * d + i] += 1e-12; // a channel that never opens leaves its column empty
        }
        if (!Cholesky.Solve(A, b, d)) { for (int i = 0; i < d; i++) est[cols[i].Slot] = double.NaN; return; }
        for (int i = 0; i < d; i++) b[i] *= scale[i];
        double aFit = known[0] == null ? b[0] : a0;
        for (int i = 0; i < d; i++)
        {
            int s = cols[i].Slot;
            est[s] = s == 0 ? 1 / b[i] : b[i] / aFit;
        }
    }

    private static double Quad(double[] m, int L, double[] x, double[] y)
    {
        double s = 0;
        for (int i = 0; i < L; i++)
        {
            if (x[i] == 0) continue;
            for (int j = 0; j < L; j++) s += x[i] * m[i * L + j] * y[j];
        }
        return s;
    }
}
