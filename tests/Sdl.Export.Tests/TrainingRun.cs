using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sdl.Export.PyTorch.Training;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using static TorchSharp.torch;

namespace Sdl.Export.Tests;

/// <summary>Runs a training package's train.py (one process or torchrun) with a time limit, and writes small data sets for it.</summary>
public static class TrainingRun
{
    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (for torchrun's rendezvous).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts <paramref name="python"/> with <paramref name="arguments"/> (one thread per process: the machine is shared).</summary>
    public static Process Start(string python, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["OMP_NUM_THREADS"] = "1";
        start.Environment["PYTHONUNBUFFERED"] = "1";
        return Process.Start(start)!;
    }

    /// <summary>Runs to the end within <paramref name="timeoutSeconds"/> (else kills the process tree and fails); returns exit code and output.</summary>
    public static (int Exit, string Output, string Error) Run(string python, IEnumerable<string> arguments, string workingDirectory, int timeoutSeconds = 300)
    {
        using var process = Start(python, arguments, workingDirectory);
        return Wait(process, timeoutSeconds);
    }

    public static (int Exit, string Output, string Error) Wait(Process process, int timeoutSeconds)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not finish within {timeoutSeconds} s.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// torchrun as a module of <paramref name="python"/> (the interpreter that has torch), on 127.0.0.1 only.
    /// <c>--redirects 1 --tee 1</c>: PyTorch 1.13's agent cannot parse its default "0" under Python 3.11
    /// (an IntFlag's zero member is not iterated; AttributeError in to_map), so stdout is teed explicitly.
    /// </summary>
    public static IEnumerable<string> Torchrun(int ranks, int port, string trainPy, IEnumerable<string> arguments) =>
        ["-m", "torch.distributed.run", "--nnodes", "1", "--nproc_per_node", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--master_addr", "127.0.0.1", "--master_port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--redirects", "1", "--tee", "1", trainPy, .. arguments];

    /// <summary>Writes <paramref name="rows"/> rows of correlated random views as &lt;view&gt;.npy (and labels.npy for a classifier).</summary>
    public static void WriteData(MultiViewModule model, string directory, int rows, int seed)
    {
        Directory.CreateDirectory(directory);
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        var common = randn([rows, 3], generator: generator);
        foreach (var view in model.Info.Views)
        {
            var mixing = randn([3, view.InputSize], generator: generator);
            var x = common.matmul(mixing) + randn([rows, view.InputSize], generator: generator) * 0.5;
            NpyWriter.Write(Path.Combine(directory, view.Name + ".npy"), x.contiguous().data<float>().ToArray(), rows, view.InputSize);
        }
        if (model.Info.Classes > 0)
        {
            var labels = randint(model.Info.Classes, [rows], generator: generator, dtype: ScalarType.Int64);
            NpyWriter.Write(Path.Combine(directory, "labels.npy"), labels.data<long>().ToArray(), rows);
        }
    }
}
