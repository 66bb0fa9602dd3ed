using Sdl.Runtime.Data;
using Sdl.Runtime.Tests.Python;

namespace Sdl.Runtime.Tests.Data;

/// <summary>
/// The readers and the writer against NumPy itself (Debian's python3-numpy): files NumPy writes,
/// in every supported dtype, order and byte order, read here; and the writer's file read by NumPy.
/// </summary>
public class NumPyInteropTests
{
    const string WriteEveryKind = """
        import sys, numpy as np
        out = sys.argv[1]
        rng = np.random.default_rng(5)
        base = rng.standard_normal((6, 4)) * 50
        kinds = ['<f2', '>f2', '<f4', '>f4', '<f8', '>f8', 'i1', 'u1', '<i2', '>i2', '<u2', '>u2', '<i4', '>i4', '<u4', '<i8', '>i8', '<u8', '>u8', '?']
        for k in kinds:
            a = np.abs(base) if k[-2:] in ('u1', 'u2', 'u4', 'u8') else base
            a = (a > 0) if k == '?' else a.astype(k)
            name = k.replace('<', 'le_').replace('>', 'be_').replace('?', 'bool')
            np.save(f'{out}/{name}_c.npy', np.ascontiguousarray(a))
            np.save(f'{out}/{name}_f.npy', np.asfortranarray(a))
            # The reference: the same values as little-endian float32 in C order, raw.
            np.ascontiguousarray(a.astype('<f4')).tofile(f'{out}/{name}.f32')
        cube = rng.standard_normal((5, 3, 2)).astype('<f4')
        np.save(f'{out}/cube_f.npy', np.asfortranarray(cube))
        cube.tofile(f'{out}/cube.f32')
        labels = rng.integers(0, 10, size=6).astype('>i8')
        np.savez_compressed(f'{out}/views.npz', left=base.astype('<f4'), right=np.asfortranarray(base[:, :3]).astype('>f8'), y=labels)
        np.savez(f'{out}/plain.npz', left=base.astype('<f8'))
        labels.astype('<i4').tofile(f'{out}/labels.i32')
        # A version 2.0 header (NumPy picks it only for huge headers, so force it).
        with open(f'{out}/v2.npy', 'wb') as f:
            np.lib.format.write_array(f, base.astype('<f4'), version=(2, 0))
        """;

    [PythonFact("numpy")]
    public void ReadsWhatNumPyWrites_EveryDtypeOrderAndByteOrder()
    {
        using var files = new NpyTestFiles();
        PythonInterpreter.RunChecked(PythonInterpreter.Find("numpy")!, WriteEveryKind, files.Directory);

        var references = Directory.GetFiles(files.Directory, "*.f32").Where(f => !f.EndsWith("cube.f32")).ToList();
        Assert.Equal(20, references.Count);
        foreach (var reference in references)
        {
            var expected = ReadFloats(reference);
            var stem = Path.GetFileNameWithoutExtension(reference);
            foreach (var order in new[] { "c", "f" })
            {
                var array = NpyReader.Read(files.Path($"{stem}_{order}.npy"));
                Assert.Equal(new long[] { 6, 4 }, array.Shape);
                Assert.True(expected.SequenceEqual(array.Values), $"{stem}_{order}.npy differs from NumPy's own float32 conversion");
            }
        }
        Assert.Equal(ReadFloats(files.Path("cube.f32")), NpyReader.Read(files.Path("cube_f.npy")).ToView("cube").Values);
        Assert.Equal(ReadFloats(files.Path("le_f4.f32")), NpyReader.Read(files.Path("v2.npy")).Values);

        var data = NumPyViews.LoadNpz(files.Path("views.npz"), ["left", "right"], "y");
        var baseline = ReadFloats(files.Path("le_f8.f32"));
        Assert.Equal(ReadFloats(files.Path("le_f4.f32")), data.Views[0].Values);
        Assert.Equal(3, data.Views[1].Width);
        Assert.Equal(Enumerable.Range(0, 6).SelectMany(i => baseline.Skip(4 * i).Take(3)), data.Views[1].Values);
        Assert.Equal(ReadInts(files.Path("labels.i32")), data.Labels!);
        Assert.Equal(baseline, NumPyViews.LoadNpz(files.Path("plain.npz"), ["left"]).Views[0].Values);
    }

    [PythonFact("numpy")]
    public void NumPyReadsWhatTheWriterWrites()
    {
        using var files = new NpyTestFiles();
        var random = new Random(3);
        var values = Enumerable.Range(0, 5 * 7).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var path = files.Path("embeddings.npy");
        NpyWriter.Write(path, values, 5, 7);
        File.WriteAllBytes(files.Path("expected.f32"), values.SelectMany(BitConverter.GetBytes).ToArray());

        var output = PythonInterpreter.RunChecked(PythonInterpreter.Find("numpy")!, """
            import sys, numpy as np
            a = np.load(sys.argv[1])
            e = np.fromfile(sys.argv[2], dtype='<f4').reshape(5, 7)
            print(a.dtype, a.shape, a.flags['C_CONTIGUOUS'], np.array_equal(a, e))
            """, path, files.Path("expected.f32"));

        Assert.Equal("float32 (5, 7) True True", output.Trim());
    }

    static float[] ReadFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, 4 * i)).ToArray();
    }

    static int[] ReadInts(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToInt32(bytes, 4 * i)).ToArray();
    }
}
