using System.Numerics;
using BrainSharp.Numerics;
using BrainSharp.Optimizers;

namespace BrainSharp.Tests.Optimizers;

/// <summary>
/// SGD and Adam have a Vector&lt;T&gt; body: one 37-element tensor goes through it (plus a scalar tail), while 37
/// one-element tensors go through the scalar loop only. Both must give identical bits.
/// </summary>
public class SimdPathTests
{
    public static TheoryData<string> Kinds => new() { "sgd", "sgd-nesterov-wd", "sgd-damp", "adam", "adam-l2-ams", "adamw" };

    private static Optimizer<T> Make<T>(string kind) where T : unmanaged, IFloatingPointIeee754<T> => kind switch
    {
        "sgd" => new Sgd<T>(0.05),
        "sgd-nesterov-wd" => new Sgd<T>(0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true),
        "sgd-damp" => new Sgd<T>(0.05, momentum: 0.7, dampening: 0.2),
        "adam" => new Adam<T>(0.01),
        "adam-l2-ams" => new Adam<T>(0.01, weightDecay: 0.05, amsGrad: true),
        _ => new AdamW<T>(0.01, weightDecay: 0.1),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void VectorAndScalarPathsAgreeBitwise(string kind)
    {
        Check<double>(kind);
        Check<float>(kind);
    }

    private static void Check<T>(string kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int n = 37;
        var whole = new Tensor<T>(n);
        var pieces = new Tensor<T>[n];
        for (int i = 0; i < n; i++)
        {
            whole.Data[i] = T.CreateChecked(Math.Sin(i + 1));
            pieces[i] = new Tensor<T>([whole.Data[i]], 1);
        }
        var a = Make<T>(kind);
        var b = Make<T>(kind);
        var gWhole = new Tensor<T>(n);
        var gPieces = Enumerable.Range(0, n).Select(_ => new Tensor<T>(1)).ToArray();
        for (int step = 0; step < 6; step++)
        {
            for (int i = 0; i < n; i++)
            {
                // g = θ³ − cos(i): the same function of the current parameter in both setups.
                T th = whole.Data[i];
                gWhole.Data[i] = th * th * th - T.CreateChecked(Math.Cos(i));
                T tp = pieces[i].Data[0];
                gPieces[i].Data[0] = tp * tp * tp - T.CreateChecked(Math.Cos(i));
            }
            a.Step([whole], [gWhole]);
            b.Step(pieces, gPieces);
        }
        for (int i = 0; i < n; i++)
            Assert.True(whole.Data[i] == pieces[i].Data[0], $"{kind} {typeof(T).Name} element {i}: {whole.Data[i]} vs {pieces[i].Data[0]}");
    }
}
