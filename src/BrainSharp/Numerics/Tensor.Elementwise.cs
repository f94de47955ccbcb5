using BrainSharp.Numerics.Operators;

namespace BrainSharp.Numerics;

// Element-wise operations with NumPy broadcasting. Each forward is one driver call with an operator
// struct; each backward is written with tensor operations or a fused "Grad" operator, and reduces the
// gradient of a broadcast input back to that input's shape (SumTo).
public sealed partial class Tensor<T>
{
    // ---------------- drivers ----------------

    /// <summary>y = op(x) element-wise (no recording).</summary>
    public static Tensor<T> Map<TOp>(TOp op, Tensor<T> x) where TOp : struct, IUnaryOperator<T>
    {
        var y = new Tensor<T>(x.Shape);
        Elementwise.Unary(op, x.Data, y.Data);
        return y;
    }

    /// <summary>z = op(a, b) element-wise with broadcasting (no recording); <paramref name="name"/> appears in shape errors.</summary>
    public static Tensor<T> Zip<TOp>(TOp op, Tensor<T> a, Tensor<T> b, string name) where TOp : struct, IBinaryOperator<T>
    {
        int[] shape = a.Shape.AsSpan().SequenceEqual(b.Shape) ? a.Shape : Broadcasting.Shape(name, a.Shape, b.Shape);
        var y = new Tensor<T>(shape);
        int n = y.Size;
        if (n == 0) return y;
        if ((a.Size == n || a.Size == 1) && (b.Size == n || b.Size == 1))
        {
            Elementwise.Binary(op, a.Data, b.Data, y.Data);
            return y;
        }
        int inner = shape[^1];
        int[] sa = Broadcasting.Strides(a.Shape, shape), sb = Broadcasting.Strides(b.Shape, shape);
        var offs = Broadcasting.RowOffsets(shape, sa, sb);
        int ia = sa[^1], ib = sb[^1], rows = offs[0].Length;
        T[] ad = a.Data, bd = b.Data, yd = y.Data;
        void Row(int r) => Elementwise.Binary(op,
            new ReadOnlySpan<T>(ad, offs[0][r], ia == 0 ? 1 : inner), ia,
            new ReadOnlySpan<T>(bd, offs[1][r], ib == 0 ? 1 : inner), ib,
            new Span<T>(yd, r * inner, inner));
        if (n > Elementwise.ParallelThreshold && rows > 1) Parallel.For(0, rows, Row);
        else for (int r = 0; r < rows; r++) Row(r);
        return y;
    }

    /// <summary>w = op(a, b, c) element-wise with broadcasting (no recording).</summary>
    public static Tensor<T> Zip3<TOp>(TOp op, Tensor<T> a, Tensor<T> b, Tensor<T> c, string name) where TOp : struct, ITernaryOperator<T>
    {
        int[] shape = Broadcasting.Shape(name, Broadcasting.Shape(name, a.Shape, b.Shape), c.Shape);
        var y = new Tensor<T>(shape);
        int n = y.Size;
        if (n == 0) return y;
        int inner = shape.Length == 0 ? 1 : shape[^1];
        int[] sa, sb, sc;
        int[][] offs;
        if (shape.Length == 0) { sa = sb = sc = [1]; offs = [[0], [0], [0]]; }
        else
        {
            sa = Broadcasting.Strides(a.Shape, shape); sb = Broadcasting.Strides(b.Shape, shape); sc = Broadcasting.Strides(c.Shape, shape);
            offs = Broadcasting.RowOffsets(shape, sa, sb, sc);
        }
        int ia = sa[^1], ib = sb[^1], ic = sc[^1], rows = offs[0].Length;
        T[] ad = a.Data, bd = b.Data, cd = c.Data, yd = y.Data;
        void Row(int r) => Elementwise.Ternary(op,
            new ReadOnlySpan<T>(ad, offs[0][r], ia == 0 ? 1 : inner), ia,
            new ReadOnlySpan<T>(bd, offs[1][r], ib == 0 ? 1 : inner), ib,
            new ReadOnlySpan<T>(cd, offs[2][r], ic == 0 ? 1 : inner), ic,
            new Span<T>(yd, r * inner, inner));
        if (n > Elementwise.ParallelThreshold && rows > 1) Parallel.For(0, rows, Row);
        else for (int r = 0; r < rows; r++) Row(r);
        return y;
    }

    // ---------------- binary arithmetic ----------------

    /// <summary>a + b with broadcasting.</summary>
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => a.Add(b);
    /// <summary>a - b with broadcasting.</summary>
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => a.Sub(b);
    /// <summary>a * b element-wise with broadcasting.</summary>
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => a.Mul(b);
    /// <summary>a / b element-wise with broadcasting.</summary>
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => a.Div(b);
    /// <summary>-a.</summary>
    public static Tensor<T> operator -(Tensor<T> a) => a.Neg();
    /// <summary>a + s.</summary>
    public static Tensor<T> operator +(Tensor<T> a, T s) => a.Add(Scalar(s));
    /// <summary>s + a.</summary>
    public static Tensor<T> operator +(T s, Tensor<T> a) => Scalar(s).Add(a);
    /// <summary>a - s.</summary>
    public static Tensor<T> operator -(Tensor<T> a, T s) => a.Sub(Scalar(s));
    /// <summary>s - a.</summary>
    public static Tensor<T> operator -(T s, Tensor<T> a) => Scalar(s).Sub(a);
    /// <summary>a * s.</summary>
    public static Tensor<T> operator *(Tensor<T> a, T s) => a.Mul(Scalar(s));
    /// <summary>s * a.</summary>
    public static Tensor<T> operator *(T s, Tensor<T> a) => Scalar(s).Mul(a);
    /// <summary>a / s.</summary>
    public static Tensor<T> operator /(Tensor<T> a, T s) => a.Div(Scalar(s));
    /// <summary>s / a.</summary>
    public static Tensor<T> operator /(T s, Tensor<T> a) => Scalar(s).Div(a);

    /// <summary>this + b with broadcasting.</summary>
    public Tensor<T> Add(Tensor<T> b)
    {
        var a = this;
        return Record("Add", Zip(new AddOp<T>(), a, b, "Add"), a, b, g => g.SumTo(a.Shape), g => g.SumTo(b.Shape));
    }

    /// <summary>this - b with broadcasting.</summary>
    public Tensor<T> Sub(Tensor<T> b)
    {
        var a = this;
        return Record("Sub", Zip(new SubOp<T>(), a, b, "Sub"), a, b, g => g.SumTo(a.Shape), g => (-g).SumTo(b.Shape));
    }

    /// <summary>this * b element-wise with broadcasting.</summary>
    public Tensor<T> Mul(Tensor<T> b)
    {
        var a = this;
        return Record("Mul", Zip(new MulOp<T>(), a, b, "Mul"), a, b, g => (g * b).SumTo(a.Shape), g => (g * a).SumTo(b.Shape));
    }

    /// <summary>this / b element-wise with broadcasting.</summary>
    public Tensor<T> Div(Tensor<T> b)
    {
        var a = this;
        var y = Zip(new DivOp<T>(), a, b, "Div");
        return Record("Div", y, a, b, g => (g / b).SumTo(a.Shape), g => (-(g * y) / b).SumTo(b.Shape));
    }

    /// <summary>this ^ p element-wise with broadcasting (real powers need a positive base).</summary>
    public Tensor<T> Pow(Tensor<T> p)
    {
        var a = this;
        var y = Zip(new PowOp<T>(), a, p, "Pow");
        return Record("Pow", y, a, p,
            g => (g * p * Zip(new PowOp<T>(), a, p - T.One, "Pow")).SumTo(a.Shape),
            g => (g * y * a.Log()).SumTo(p.Shape));
    }

    /// <summary>this ^ p element-wise for a constant exponent.</summary>
    public Tensor<T> Pow(T p)
    {
        var x = this;
        return Record("Pow", Map(new PowScalarOp<T>(p), x), x, g => g * Map(new PowScalarOp<T>(p - T.One), x) * p);
    }

    /// <summary>Element-wise minimum with broadcasting (ties send the gradient to this).</summary>
    public Tensor<T> Minimum(Tensor<T> b)
    {
        var a = this;
        return Record("Minimum", Zip(new MinOp<T>(), a, b, "Minimum"), a, b,
            g => (g * Zip(new LessOrEqualOp<T>(), a, b, "Minimum")).SumTo(a.Shape),
            g => (g * Zip(new GreaterOp<T>(), a, b, "Minimum")).SumTo(b.Shape));
    }

    /// <summary>Element-wise maximum with broadcasting (ties send the gradient to this).</summary>
    public Tensor<T> Maximum(Tensor<T> b)
    {
        var a = this;
        return Record("Maximum", Zip(new MaxOp<T>(), a, b, "Maximum"), a, b,
            g => (g * Zip(new GreaterOrEqualOp<T>(), a, b, "Maximum")).SumTo(a.Shape),
            g => (g * Zip(new LessOp<T>(), a, b, "Maximum")).SumTo(b.Shape));
    }

    /// <summary>where(cond != 0, a, b) with broadcasting of all three; cond receives no gradient.</summary>
    public static Tensor<T> Where(Tensor<T> cond, Tensor<T> a, Tensor<T> b)
    {
        var y = Zip3(new WhereOp<T>(), cond, a, b, "Where");
        var zero = Scalar(T.Zero);
        return Record("Where", y, a, b,
            g => Zip3(new WhereOp<T>(), cond, g, zero, "Where").SumTo(a.Shape),
            g => Zip3(new WhereOp<T>(), cond, zero, g, "Where").SumTo(b.Shape));
    }

    // ---------------- comparisons (0/1 results, not differentiable) ----------------

    /// <summary>1 where this &gt; b, else 0.</summary>
    public Tensor<T> Greater(Tensor<T> b) => NoRecord("Greater", Zip(new GreaterOp<T>(), this, b, "Greater"), this, b);
    /// <summary>1 where this &lt; b, else 0.</summary>
    public Tensor<T> Less(Tensor<T> b) => NoRecord("Less", Zip(new LessOp<T>(), this, b, "Less"), this, b);
    /// <summary>1 where this &gt;= b, else 0.</summary>
    public Tensor<T> GreaterOrEqual(Tensor<T> b) => NoRecord("GreaterOrEqual", Zip(new GreaterOrEqualOp<T>(), this, b, "GreaterOrEqual"), this, b);
    /// <summary>1 where this &lt;= b, else 0.</summary>
    public Tensor<T> LessOrEqual(Tensor<T> b) => NoRecord("LessOrEqual", Zip(new LessOrEqualOp<T>(), this, b, "LessOrEqual"), this, b);
    /// <summary>1 where this == b, else 0.</summary>
    public Tensor<T> EqualTo(Tensor<T> b) => NoRecord("EqualTo", Zip(new EqualOp<T>(), this, b, "EqualTo"), this, b);
    /// <summary>1 where this != b, else 0.</summary>
    public Tensor<T> NotEqualTo(Tensor<T> b) => NoRecord("NotEqualTo", Zip(new NotEqualOp<T>(), this, b, "NotEqualTo"), this, b);
    /// <summary>1 where this &gt; s, else 0.</summary>
    public Tensor<T> Greater(T s) => Greater(Scalar(s));
    /// <summary>1 where this &lt; s, else 0.</summary>
    public Tensor<T> Less(T s) => Less(Scalar(s));

    // ---------------- unary ----------------

    /// <summary>-x.</summary>
    public Tensor<T> Neg() => Record("Neg", Map(new NegOp<T>(), this), this, g => Map(new NegOp<T>(), g));

    /// <summary>|x| (subgradient 0 at 0).</summary>
    public Tensor<T> Abs()
    {
        var x = this;
        return Record("Abs", Map(new AbsOp<T>(), x), x, g => g * Map(new SignOp<T>(), x));
    }

    /// <summary>e^x.</summary>
    public Tensor<T> Exp()
    {
        var y = Map(new ExpOp<T>(), this);
        return Record("Exp", y, this, g => g * y);
    }

    /// <summary>Natural logarithm.</summary>
    public Tensor<T> Log()
    {
        var x = this;
        return Record("Log", Map(new LogOp<T>(), x), x, g => g / x);
    }

    /// <summary>log(1 + x), accurate near 0.</summary>
    public Tensor<T> Log1p()
    {
        var x = this;
        return Record("Log1p", Map(new Log1pOp<T>(), x), x, g => g / (x + T.One));
    }

    /// <summary>e^x - 1, accurate near 0.</summary>
    public Tensor<T> Expm1()
    {
        var y = Map(new Expm1Op<T>(), this);
        return Record("Expm1", y, this, g => g * (y + T.One));
    }

    /// <summary>Square root.</summary>
    public Tensor<T> Sqrt()
    {
        var y = Map(new SqrtOp<T>(), this);
        return Record("Sqrt", y, this, g => g / (y * T.CreateChecked(2)));
    }

    /// <summary>x².</summary>
    public Tensor<T> Square()
    {
        var x = this;
        return Record("Square", Map(new SquareOp<T>(), x), x, g => g * x * T.CreateChecked(2));
    }

    /// <summary>Hyperbolic tangent.</summary>
    public Tensor<T> Tanh()
    {
        var y = Map(new TanhOp<T>(), this);
        return Record("Tanh", y, this, g => Zip(new TanhGradOp<T>(), g, y, "Tanh"));
    }

    /// <summary>Logistic sigmoid 1 / (1 + e^-x).</summary>
    public Tensor<T> Sigmoid()
    {
        var y = Map(new SigmoidOp<T>(), this);
        return Record("Sigmoid", y, this, g => Zip(new SigmoidGradOp<T>(), g, y, "Sigmoid"));
    }

    /// <summary>log(1 + e^x), computed without overflow.</summary>
    public Tensor<T> Softplus()
    {
        var x = this;
        return Record("Softplus", Map(new SoftplusOp<T>(), x), x, g => Zip(new SoftplusGradOp<T>(), g, x, "Softplus"));
    }

    /// <summary>max(x, 0) (gradient 0 at 0).</summary>
    public Tensor<T> Relu()
    {
        var x = this;
        return Record("Relu", Map(new ReluOp<T>(), x), x, g => Zip(new ReluGradOp<T>(), g, x, "Relu"));
    }

    /// <summary>Clamps to [lo, hi]; the gradient passes where lo &lt;= x &lt;= hi.</summary>
    public Tensor<T> Clamp(T lo, T hi)
    {
        if (!(lo <= hi)) throw new ArgumentException($"Clamp: lower bound {lo} exceeds upper bound {hi}.");
        var x = this;
        return Record("Clamp", Map(new ClampOp<T>(lo, hi), x), x, g => Zip(new ClampGradOp<T>(lo, hi), g, x, "Clamp"));
    }
}
