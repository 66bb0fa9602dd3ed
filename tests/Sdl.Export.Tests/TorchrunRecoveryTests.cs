using System.Diagnostics;
using System.Globalization;
using Sdl.Export.PyTorch;
using Sdl.Export.PyTorch.Training;
using Sdl.Runtime.Models;
using Sdl.Runtime.Tests.Python;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sdl.Export.Tests;

/// <summary>
/// What a move to a cluster meets: two torchrun agents ("nodes") rendezvousing over TCP, and a rank
/// that dies mid-epoch. The two nodes are compared with one uninterrupted process; the resumed run with an uninterrupted run of the same two ranks.
/// </summary>
public class TorchrunRecoveryTests(ITestOutputHelper output)
{
    static readonly ModelOptions Options = new() { Alpha = 0.9 };

    sealed class Setup : IDisposable
    {
        public required string Root, Train, Data, Python;
        public required string[] Common;
        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    static Setup Prepare(string name, int rows, int epochs)
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"sdl-{name}-" + Guid.NewGuid().ToString("N"))).FullName;
        using var model = new PackageFaeNorm(Options);
        OnnxParity.Randomise(model, seed: 6);
        var train = PyTorchProject.Write(model, Path.Combine(root, "package"));
        var data = Path.Combine(root, "data");
        TrainingRun.WriteData(model, data, rows, seed: 9);
        return new Setup
        {
            Root = root, Train = train, Data = data, Python = PythonInterpreter.Find("numpy", "torch")!,
            Common = ["--data", data, "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--batch-size", "16", "--lr", "0.01", "--seed", "5"],
        };
    }

    void AssertSameWeights(string expectedPath, string actualPath, string what)
    {
        using var expected = new PackageFaeNorm(Options);
        using var actual = new PackageFaeNorm(Options);
        PyTorchExport.LoadSafetensors(expected, expectedPath);
        PyTorchExport.LoadSafetensors(actual, actualPath);
        var left = expected.state_dict();
        var right = actual.state_dict();
        double worst = 0;
        foreach (var (key, value) in left)
        {
            using var scope = NewDisposeScope();
            double difference = (value.to_type(ScalarType.Float64) - right[key].to_type(ScalarType.Float64)).abs().max().item<double>();
            double scale = Math.Max(1, value.abs().max().to_type(ScalarType.Float64).item<double>());
            worst = Math.Max(worst, difference / scale);
            Assert.True(difference <= 1e-5 * scale, $"{what}: {key} differs by {difference:E2}");
        }
        output.WriteLine($"{what}: largest weight difference {worst:E2} (relative to max(1, |w|))");
    }

    [PythonFact("numpy", "torch")]
    public void TwoNodes_RendezvousingOnLocalhost_TrainTheWeightsOfOneProcess()
    {
        using var setup = Prepare("nodes", rows: 96, epochs: 1);
        var single = TrainingRun.Run(setup.Python, [setup.Train, .. setup.Common, "--out", Path.Combine(setup.Root, "one")], setup.Root);
        Assert.True(single.Exit == 0, $"one process: exit {single.Exit}\n{single.Error}");

        int port = TrainingRun.FreePort();
        var nodes = Enumerable.Range(0, 2).Select(node => TrainingRun.Start(setup.Python,
            ["-m", "torch.distributed.run", "--nnodes", "2", "--nproc_per_node", "1", "--node_rank", node.ToString(CultureInfo.InvariantCulture),
             "--rdzv_backend", "c10d", "--rdzv_endpoint", $"127.0.0.1:{port}", "--rdzv_id", "sdl-two-nodes", "--redirects", "1", "--tee", "1",
             setup.Train, .. setup.Common, "--out", Path.Combine(setup.Root, "nodes")], setup.Root)).ToList();
        try
        {
            var results = nodes.Select(n => TrainingRun.Wait(n, 300)).ToList();
            for (int node = 0; node < 2; node++)
                Assert.True(results[node].Exit == 0, $"node {node}: exit {results[node].Exit}\n{results[node].Error}\n{results[node].Output}");
            output.WriteLine(string.Join("\n", results.Select(r => r.Output)));
        }
        finally
        {
            foreach (var node in nodes) { if (!node.HasExited) node.Kill(entireProcessTree: true); node.Dispose(); }
        }
        AssertSameWeights(Path.Combine(setup.Root, "one", "model.safetensors"), Path.Combine(setup.Root, "nodes", "model.safetensors"), "two nodes against one process");
    }

    [PythonFact("numpy", "torch")]
    public void ARankKilledMidEpoch_FailsTheRun_AndARestartResumesFromRankZerosCheckpoint_ToTheUninterruptedWeights()
    {
        // 8 epochs of 16 steps: the kill at step 20 leaves 108 steps, which no machine finishes before the kill lands
        // (with 2 epochs the 12 left could race torchrun's buffered log on a fast, idle machine). Over 128 steps at this
        // rate the rounding of one process's sums against two ranks' grows past 1e-5 (TorchrunTests holds that equality
        // over 5 steps), so the reference is an uninterrupted run of the same two ranks: the same sums in the same order.
        using var setup = Prepare("resume", rows: 256, epochs: 8);
        var uninterrupted = TrainingRun.Run(setup.Python, TrainingRun.Torchrun(2, TrainingRun.FreePort(), setup.Train,
            [.. setup.Common, "--out", Path.Combine(setup.Root, "one"), "--checkpoint-every", "3", "--log-steps"]), setup.Root);
        Assert.True(uninterrupted.Exit == 0, $"uninterrupted 2 ranks: exit {uninterrupted.Exit}\n{uninterrupted.Error}");

        var outDirectory = Path.Combine(setup.Root, "ranks");
        string[] arguments = [.. setup.Common, "--out", outDirectory, "--checkpoint-every", "3", "--log-steps"];
        using (var agent = TrainingRun.Start(setup.Python, TrainingRun.Torchrun(2, TrainingRun.FreePort(), setup.Train, arguments), setup.Root))
        {
            // Kill rank 1 once rank 0 has logged step 20 (epoch 2, after the checkpoint of step 18).
            var reached = new ManualResetEventSlim();
            var log = new System.Text.StringBuilder();
            agent.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (log) log.AppendLine(e.Data);
                if (e.Data.Contains("\"step\": 20,", StringComparison.Ordinal)) reached.Set();
            };
            var errors = agent.StandardError.ReadToEndAsync();
            agent.BeginOutputReadLine();
            Assert.True(reached.Wait(TimeSpan.FromSeconds(240)), $"rank 0 never reached step 20:\n{log}");
            int victim = Workers(agent.Id).Single(pid => Rank(pid) == 1);
            Process.GetProcessById(victim).Kill();
            if (!agent.WaitForExit(120_000)) { agent.Kill(entireProcessTree: true); Assert.Fail("torchrun did not stop after a rank died"); }
            output.WriteLine($"torchrun after killing rank 1 (pid {victim}): exit {agent.ExitCode}");
            Assert.NotEqual(0, agent.ExitCode);
            Assert.Contains("FAILED", errors.Result, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(Path.Combine(outDirectory, "model.safetensors")), "a failed run must not write final weights");

        var resumed = TrainingRun.Run(setup.Python, TrainingRun.Torchrun(2, TrainingRun.FreePort(), setup.Train, [.. arguments, "--resume"]), setup.Root);
        Assert.True(resumed.Exit == 0, $"resumed run: exit {resumed.Exit}\n{resumed.Error}\n{resumed.Output}");
        Assert.Contains("resumed from", resumed.Output, StringComparison.Ordinal);
        output.WriteLine(resumed.Output.Split('\n').First(l => l.Contains("resumed from", StringComparison.Ordinal)));
        AssertSameWeights(Path.Combine(setup.Root, "one", "model.safetensors"), Path.Combine(outDirectory, "model.safetensors"), "killed, resumed 2 ranks against 2 uninterrupted ranks");
    }

    /// <summary>The worker processes torchrun's agent started (Linux: /proc/PID/task/*/children).</summary>
    static IEnumerable<int> Workers(int agent) =>
        Directory.GetDirectories($"/proc/{agent}/task").SelectMany(task => File.ReadAllText(Path.Combine(task, "children"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)));

    /// <summary>The RANK in a process's environment (-1 when absent).</summary>
    static int Rank(int pid)
    {
        foreach (var entry in File.ReadAllText($"/proc/{pid}/environ").Split('\0'))
            if (entry.StartsWith("RANK=", StringComparison.Ordinal)) return int.Parse(entry[5..], CultureInfo.InvariantCulture);
        return -1;
    }
}
