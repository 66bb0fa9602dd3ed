// Times one Soft CCA training step (two MLP encoders, Soft CCA distance + λ·SDL, Adam) written
// with Sdl.Runtime on TorchSharp, and the same step in PyTorch (softcca_step.py), in one run.
// Usage: dotnet run -c Release --project tests/Sdl.Comparison -- [m] [k] [steps] [python]
using System.Diagnostics;
using System.Text.Json;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Objectives;
using TorchSharp;
using static TorchSharp.torch;

int m = args.Length > 0 ? int.Parse(args[0]) : 512;
int k = args.Length > 1 ? int.Parse(args[1]) : 256;
int steps = args.Length > 2 ? int.Parse(args[2]) : 30;
string python = args.Length > 3 ? args[3] : "/usr/bin/python3";
const int Warmup = 5, Threads = 2;

torch.set_num_threads(Threads);
Console.WriteLine($"Soft CCA step, m = {m}, k = {k}, encoders 392 -> 1024 ReLU -> {k}, {Threads} threads, median of {steps} steps after {Warmup} warm-up");

var rounds = new List<(double Sdl, double PyTorch)>();
for (int round = 0; round < 2; round++) // alternate, so that drift in machine load hits both
{
    double ours = TimeTorchSharpStep(m, k, steps);
    double theirs = TimePyTorchStep(python, m, k, steps);
    rounds.Add((ours, theirs));
    Console.WriteLine($"round {round + 1}: Sdl.Runtime (TorchSharp) {ours,8:F1} ms   PyTorch {theirs,8:F1} ms   ratio {theirs / ours:F2}x");
}
double bestOurs = rounds.Min(r => r.Sdl), bestTheirs = rounds.Min(r => r.PyTorch);
Console.WriteLine($"best: Sdl.Runtime {bestOurs:F1} ms, PyTorch {bestTheirs:F1} ms: Sdl.Runtime is {bestTheirs / bestOurs:F2}x faster");

static double TimeTorchSharpStep(int m, int k, int steps)
{
    manual_seed(0);
    var encoders = Enumerable.Range(0, 2).Select(_ => nn.Sequential(nn.Linear(392, 1024), nn.ReLU(), nn.Linear(1024, k))).ToArray();
    var decorrelation = Enumerable.Range(0, 2).Select(_ => new StochasticDecorrelationLoss(k, alpha: 0.9)).ToArray();
    var distance = new SoftCcaDistance();
    var optimiser = optim.Adam(encoders.SelectMany(e => e.parameters()), lr: 1e-3);
    var inputs = Enumerable.Range(0, 2).Select(_ => randn(m, 392)).ToArray();
    var times = new List<double>();
    for (int step = 0; step < Warmup + steps; step++)
    {
        var clock = Stopwatch.StartNew();
        using (var scope = NewDisposeScope())
        {
            var z = encoders.Zip(inputs, (e, x) => e.call(x)).ToArray();
            var loss = distance.call(z) + 1e-3 * (decorrelation[0].call(z[0]) + decorrelation[1].call(z[1]));
            optimiser.zero_grad();
            loss.backward();
            optimiser.step();
        }
        if (step >= Warmup) times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

static double TimePyTorchStep(string python, int m, int k, int steps)
{
    string script = Path.Combine(AppContext.BaseDirectory, "softcca_step.py");
    var start = new ProcessStartInfo(python, [script, $"{m}", $"{k}", $"{steps}", $"{Warmup}", $"{Threads}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
    string output = process.StandardOutput.ReadToEnd();
    string error = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new InvalidOperationException($"{python} {script} failed (is Debian's python3-torch installed? apt-get install python3-torch libopenblas0-pthread):\n{error}");
    using var json = JsonDocument.Parse(output.Trim().Split('\n').Last());
    return json.RootElement.GetProperty("median_ms").GetDouble();
}
