using System.Globalization;
using System.Text;
using System.Text.Json;
using Sdl.Export.PyTorch.Training;
using Sdl.Runtime.Objectives;
using Sdl.Runtime.Tests.Python;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sdl.Export.Tests;

/// <summary>
/// The training package's <c>barlow_twins</c> (objectives.py, the third description of the formula)
/// computes what <see cref="BarlowTwinsLoss"/> computes: loss and gradient of both views on fresh random
/// batches, in one process and split over two gloo ranks (the statistics summed through distributed.py).
/// </summary>
public class BarlowTwinsPythonParityTests(ITestOutputHelper output)
{
    /// <summary>Runs every case in one process, then again over two forked gloo ranks holding half the rows each.</summary>
    const string Script = """
        import json, os, socket, sys
        import torch
        import torch.distributed as dist
        import torch.multiprocessing as mp
        directory = sys.argv[1]
        sys.path.insert(0, directory)
        import distributed, objectives
        cases = json.load(open(os.path.join(directory, 'cases.json')))

        def run(case, rows=None):
            dtype = getattr(torch, case['dtype'])
            z1 = torch.tensor(case['z1'], dtype=torch.float64).to(dtype)
            z2 = torch.tensor(case['z2'], dtype=torch.float64).to(dtype)
            if rows is not None:
                z1, z2 = z1[rows], z2[rows]
            z1.requires_grad_(True)
            z2.requires_grad_(True)
            reducer = distributed.Reducer()
            reducer.begin_batch(z1.shape[0])
            loss = objectives.barlow_twins(z1, z2, case['weight'], reducer)
            loss.backward()
            return {'loss': loss.item(), 'dtype': str(loss.dtype), 'g1': z1.grad.double().tolist(), 'g2': z2.grad.double().tolist()}

        def rank_main(rank, world, port):
            dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{port}', rank=rank, world_size=world)
            results = []
            for case in cases:
                m = len(case['z1'])
                half = m // 2
                rows = slice(0, half) if rank == 0 else slice(half, m)
                results.append(run(case, rows))
            json.dump(results, open(os.path.join(directory, f'rank{rank}.json'), 'w'))
            dist.destroy_process_group()

        json.dump([run(case) for case in cases], open(os.path.join(directory, 'single.json'), 'w'))
        with socket.socket() as s:
            s.bind(('127.0.0.1', 0))
            port = s.getsockname()[1]
        mp.start_processes(rank_main, args=(2, port), nprocs=2, start_method='fork')
        print('ok')
        """;

    sealed record Case(string Dtype, double Weight, double[,] Z1, double[,] Z2);

    [PythonFact("torch")]
    public void PythonFormula_MatchesTheCSharpLossAndGradient_InOneProcessAndOverTwoRanks()
    {
        var random = new Random();
        int seed = random.Next();
        output.WriteLine($"seed {seed}");
        random = new Random(seed);
        var cases = new List<Case>();
        foreach (var dtype in new[] { "float64", "float32" })
            foreach (var weight in new[] { BarlowTwinsLoss.DefaultOffDiagonalWeight, 0.4 })
            {
                int m = 8 + 2 * random.Next(6), k = 2 + random.Next(4);
                cases.Add(new Case(dtype, weight, Gaussian(random, m, k, 1.7, 0.3), Gaussian(random, m, k, 0.6, -1.1)));
            }

        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sdl-barlow-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            foreach (var name in new[] { "distributed.py", "objectives.py" })
            {
                using var stream = typeof(PyTorchProject).Assembly.GetManifestResourceStream("Sdl.Export.Python." + name)!;
                using var file = File.Create(Path.Combine(directory, name));
                stream.CopyTo(file);
            }
            File.WriteAllText(Path.Combine(directory, "cases.json"), Json(cases));
            var python = PythonInterpreter.Find("torch")!;
            Assert.Equal("ok", PythonInterpreter.RunChecked(python, Script, directory).Trim().Split('\n')[^1]);

            using var single = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "single.json")));
            using var rank0 = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "rank0.json")));
            using var rank1 = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "rank1.json")));
            for (int index = 0; index < cases.Count; index++)
            {
                var c = cases[index];
                var dtype = c.Dtype == "float64" ? ScalarType.Float64 : ScalarType.Float32;
                double tolerance = dtype == ScalarType.Float64 ? 1e-12 : 1e-5;
                var z1 = tensor(c.Z1, float64).to(dtype).requires_grad_(true);
                var z2 = tensor(c.Z2, float64).to(dtype).requires_grad_(true);
                var loss = new BarlowTwinsLoss(c.Weight).forward(z1, z2);
                loss.backward();
                double expected = loss.to(ScalarType.Float64).item<double>();
                var (g1, g2) = (Rows(z1.grad!), Rows(z2.grad!));
                double scale = g1.Concat(g2).SelectMany(r => r).Max(Math.Abs);
                string what = $"case {index} ({c.Dtype}, λ {c.Weight}, [{c.Z1.GetLength(0)}, {c.Z1.GetLength(1)}])";

                var one = single.RootElement[index];
                Assert.Equal($"torch.{c.Dtype}", one.GetProperty("dtype").GetString());
                AssertClose(expected, one.GetProperty("loss").GetDouble(), tolerance * expected, $"{what}: loss in one process");
                AssertRows(g1, Read(one.GetProperty("g1")), 1, tolerance * scale, $"{what}: gradient of view 1 in one process");
                AssertRows(g2, Read(one.GetProperty("g2")), 1, tolerance * scale, $"{what}: gradient of view 2 in one process");

                // Every rank computes the global loss; each rank's gradient of its own rows is W = 2 times
                // its share (DDP's averaging of the parameter gradients then gives the one-process gradient).
                int half = c.Z1.GetLength(0) / 2;
                foreach (var (rank, first) in new[] { (rank0.RootElement[index], 0), (rank1.RootElement[index], half) })
                {
                    AssertClose(expected, rank.GetProperty("loss").GetDouble(), tolerance * expected, $"{what}: loss of the rank holding rows from {first}");
                    AssertRows(g1.Skip(first).Take(Read(rank.GetProperty("g1")).Length).ToArray(), Read(rank.GetProperty("g1")), 2, tolerance * scale, $"{what}: gradient of view 1, rows from {first}");
                    AssertRows(g2.Skip(first).Take(Read(rank.GetProperty("g2")).Length).ToArray(), Read(rank.GetProperty("g2")), 2, tolerance * scale, $"{what}: gradient of view 2, rows from {first}");
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    static double[,] Gaussian(Random random, int m, int k, double scale, double shift)
    {
        var values = new double[m, k];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++)
                values[i, j] = scale * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()) + shift + 0.3 * j;
        return values;
    }

    static string Json(IEnumerable<Case> cases)
    {
        static string Matrix(double[,] z) => "[" + string.Join(", ", Enumerable.Range(0, z.GetLength(0)).Select(i =>
            "[" + string.Join(", ", Enumerable.Range(0, z.GetLength(1)).Select(j => z[i, j].ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]";
        var text = new StringBuilder("[");
        text.AppendJoin(", ", cases.Select(c =>
            $"{{\"dtype\": \"{c.Dtype}\", \"weight\": {c.Weight.ToString("R", CultureInfo.InvariantCulture)}, \"z1\": {Matrix(c.Z1)}, \"z2\": {Matrix(c.Z2)}}}"));
        return text.Append(']').ToString();
    }

    static double[][] Rows(Tensor gradient)
    {
        var values = gradient.to(ScalarType.Float64).contiguous().data<double>().ToArray();
        int k = (int)gradient.shape[1];
        return Enumerable.Range(0, (int)gradient.shape[0]).Select(i => values.Skip(i * k).Take(k).ToArray()).ToArray();
    }

    static double[][] Read(JsonElement rows) =>
        rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    void AssertClose(double expected, double actual, double tolerance, string what)
    {
        output.WriteLine($"{what}: C# {expected:R}, PyTorch {actual:R}");
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: C# {expected:R}, PyTorch {actual:R}");
    }

    /// <summary>PyTorch's rows divided by <paramref name="factor"/> against C#'s, entry by entry.</summary>
    void AssertRows(double[][] expected, double[][] actual, double factor, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double difference = expected.Zip(actual, (e, a) => e.Zip(a, (x, y) => Math.Abs(x - y / factor)).Max()).Max();
        output.WriteLine($"{what}: max |C# − PyTorch| = {difference:E2}");
        Assert.True(difference <= tolerance, $"{what}: max |C# − PyTorch| = {difference:E2} (allowed {tolerance:E2})");
    }
}
