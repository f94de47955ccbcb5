using BrainSharp.Autodiff;
using BrainSharp.Connectivity;
using BrainSharp.Numerics;
using T = BrainSharp.Numerics.Tensor<double>;

namespace BrainSharp.Tests.Autodiff;

public class EventProductGradientTests
{
    /// <summary>A 0/1 spike matrix with roughly the given rate.</summary>
    private static T Spikes(ulong seed, double rate, int batch, int n)
    {
        var u = GradCheck.U(seed, 0, 1, batch, n);
        var s = new T(batch, n);
        for (int i = 0; i < s.Size; i++) s.Data[i] = u.Data[i] < rate ? 1 : 0;
        return s;
    }

    private static CsrStructure RandomCsr(int nPre, int nPost, double p, int seed)
    {
        var r = new System.Random(seed);
        var rowPtr = new int[nPre + 1];
        var post = new List<int>();
        for (int i = 0; i < nPre; i++)
        {
            for (int j = 0; j < nPost; j++) if (r.NextDouble() < p) post.Add(j);
            rowPtr[i + 1] = post.Count;
        }
        return new CsrStructure(nPre, nPost, rowPtr, [.. post]);
    }

    private static T Densify(CsrStructure c, T values)
    {
        var w = new T(c.NPre, c.NPost);
        for (int i = 0; i < c.NPre; i++)
            for (int k = c.RowPtr[i]; k < c.RowPtr[i + 1]; k++) w.Data[i * c.NPost + c.PostIndices[k]] += values.Data[k];
        return w;
    }

    [Fact]
    public void Dense_event_product_equals_matmul_and_has_fd_gradients_in_weights_and_spikes()
    {
        var s = Spikes(1, 0.3, 4, 9);
        var w = GradCheck.U(2, -1, 1, 9, 5);
        var y = T.EventMatMul(s, w);
        var want = s.MatMul(w);
        for (int i = 0; i < y.Size; i++) Assert.Equal(want.Data[i], y.Data[i], 1e-12);

        double err = GradCheck.MaxRelativeError(x => T.EventMatMul(x[0], x[1]).Tanh(), s, w);
        Assert.True(err < 1e-6, $"relative error {err:E2}");
        // real-valued (non-binary) spikes, e.g. graded inputs, and a 1-D spike vector
        err = GradCheck.MaxRelativeError(x => T.EventMatMul(x[0], x[1]).Square(), GradCheck.U(3, -1, 1, 9), w);
        Assert.True(err < 1e-6, $"relative error {err:E2}");
    }

    [Fact]
    public void Dense_event_product_gradients_match_matmul_gradients()
    {
        var s = Spikes(4, 0.2, 3, 11);
        var w = GradCheck.U(5, -1, 1, 11, 6);
        var ge = Autograd.Grad(x => T.EventMatMul(x[0], x[1]).Sigmoid().Sum(), s, w);
        var gm = Autograd.Grad(x => x[0].MatMul(x[1]).Sigmoid().Sum(), s, w);
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < gm[k].Size; i++) Assert.Equal(gm[k].Data[i], ge[k].Data[i], 1e-12);
    }

    [Fact]
    public void Csr_event_product_equals_dense_and_has_fd_gradients_in_values_and_spikes()
    {
        var c = RandomCsr(8, 6, 0.4, 7);
        var v = GradCheck.U(8, -1, 1, c.NonZeros);
        var s = Spikes(9, 0.4, 3, 8);
        var y = T.EventMatMul(s, c, v);
        var want = s.MatMul(Densify(c, v));
        for (int i = 0; i < y.Size; i++) Assert.Equal(want.Data[i], y.Data[i], 1e-12);

        double err = GradCheck.MaxRelativeError(x => T.EventMatMul(x[0], c, x[1]).Tanh(), s, v);
        Assert.True(err < 1e-6, $"relative error {err:E2}");
        err = GradCheck.MaxRelativeError(x => T.EventMatMul(x[0], c, x[1]).Square(), GradCheck.U(10, -1, 1, 8), v);
        Assert.True(err < 1e-6, $"relative error {err:E2}");
    }

    [Fact]
    public void Event_product_shape_errors_name_the_op()
    {
        var ex = Assert.Throws<ArgumentException>(() => T.EventMatMul(T.Zeros(2, 3), T.Zeros(4, 5)));
        Assert.Contains("EventMatMul: shapes [2, 3] and [4, 5]", ex.Message);
        var c = RandomCsr(3, 2, 0.5, 1);
        var ex2 = Assert.Throws<ArgumentException>(() => T.EventMatMul(T.Zeros(2, 3), c, T.Zeros(c.NonZeros + 1)));
        Assert.Contains("values of shape", ex2.Message);
    }
}
