using BrainSharp.Numerics;
using BrainSharp.Optimizers;

namespace BrainSharp.Tests.Optimizers;

public class OptimizerStateTests
{
    public static TheoryData<string> Kinds => new() { "sgd", "adam", "adamw", "rmsprop", "adagrad" };

    private static Optimizer<T> Make<T>(string kind) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => kind switch
    {
        "sgd" => new Sgd<T>(0.05, momentum: 0.9, nesterov: true),
        "adam" => new Adam<T>(0.05, amsGrad: true),
        "adamw" => new AdamW<T>(0.05),
        "rmsprop" => new RmsProp<T>(0.01, momentum: 0.3, centered: true),
        _ => new Adagrad<T>(0.1, learningRateDecay: 0.01),
    };

    private static void Run<T>(Optimizer<T> opt, Tensor<T> p, int steps) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var g = new Tensor<T>(p.Shape);
        for (int s = 0; s < steps; s++)
        {
            for (int i = 0; i < p.Size; i++) g.Data[i] = p.Data[i] * p.Data[i] * p.Data[i] - T.CreateChecked(0.5) * T.CreateChecked(i);
            opt.Step([p], [g]);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SavedStateResumesBitExactly(string kind)
    {
        ResumeCheck<double>(kind);
        ResumeCheck<float>(kind);
    }

    private static void ResumeCheck<T>(string kind) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var p = new Tensor<T>([T.CreateChecked(1.0), T.CreateChecked(-0.5), T.CreateChecked(2.0)], 3);
        var a = Make<T>(kind);
        Run(a, p, 5);
        a.LearningRate *= 0.5; // as a schedule would: the rate is part of the state
        var state = a.SaveState();
        var pCopy = new Tensor<T>((T[])p.Data.Clone(), 3);
        Run(a, p, 7);

        var b = Make<T>(kind);
        b.LoadState(state);
        Assert.Equal(5, b.StepCount);
        Assert.Equal(a.LearningRate, b.LearningRate);
        Run(b, pCopy, 7);
        Assert.Equal(p.Data, pCopy.Data);
        Assert.Equal(12, b.StepCount);
    }

    [Fact]
    public void StateHasDocumentedNames()
    {
        var opt = new Adam<double>(0.1);
        Run(opt, new Tensor<double>([1.0, 2.0], 2), 2);
        var s = opt.SaveState();
        Assert.Equal(["lr", "param.0.exp_avg", "param.0.exp_avg_sq", "param_sizes", "step"], s.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([2.0], s["step"]);
        Assert.Equal([2.0], s["param_sizes"]);
        Assert.Equal(2, s["param.0.exp_avg"].Length);
    }

    [Fact]
    public void LoadingAnotherOptimizersStateThrows()
    {
        var adam = new Adam<double>();
        Run(adam, new Tensor<double>([1.0, 2.0], 2), 1);
        var e = Assert.Throws<ArgumentException>(() => new Sgd<double>(0.1, momentum: 0.9).LoadState(adam.SaveState()));
        Assert.Contains("param.0.exp_avg", e.Message);

        var state = new Dictionary<string, double[]>(adam.SaveState()) { ["param.0.exp_avg"] = new double[5] };
        e = Assert.Throws<ArgumentException>(() => new Adam<double>().LoadState(state));
        Assert.Contains("\"param.0.exp_avg\" has 5 elements", e.Message);
    }

    [Fact]
    public void StepChecksListsAndSizes()
    {
        var opt = new Sgd<double>(0.1);
        var p = new Tensor<double>(3);
        var e = Assert.Throws<ArgumentException>(() => opt.Step([p], [new Tensor<double>(2)]));
        Assert.Contains("gradient 0 has 2 elements", e.Message);
        e = Assert.Throws<ArgumentException>(() => opt.Step([p], []));
        Assert.Contains("1 parameters but 0 gradients", e.Message);
        opt.Step([p], [new Tensor<double>(3)]);
        e = Assert.Throws<ArgumentException>(() => opt.Step([new Tensor<double>(4)], [new Tensor<double>(4)]));
        Assert.Contains("parameter 0 has 4 elements", e.Message);
    }

    [Fact]
    public void InvalidHyperparametersThrowNamingThem()
    {
        void Check(Action a, string param, string text)
        {
            var e = Assert.ThrowsAny<ArgumentException>(a);
            Assert.Equal(param, e.ParamName);
            Assert.Contains(text, e.Message);
        }
        Check(() => new Sgd<double>(-0.1), "learningRate", "-0.1");
        Check(() => new Sgd<double>(0.1, momentum: 1.5), "momentum", "1.5");
        Check(() => new Sgd<double>(0.1, nesterov: true), "nesterov", "momentum=0");
        Check(() => new Adam<double>(beta1: 1.0), "beta1", "got 1");
        Check(() => new AdamW<double>(weightDecay: -1), "weightDecay", "-1");
        Check(() => new RmsProp<double>(alpha: double.NaN), "alpha", "NaN");
        Check(() => new Adagrad<double>(epsilon: -1e-3), "epsilon", "-0.001");
        Check(() => new Adam<double>().LearningRate = double.PositiveInfinity, "learningRate", "finite");
    }

    [Fact]
    public void NamesShowHyperparameters()
    {
        Assert.Equal("Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False)", new Adam<float>().Name);
        Assert.StartsWith("AdamW(lr=0.001", new AdamW<float>().Name);
    }
}
