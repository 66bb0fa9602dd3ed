using Sdl.Runtime.Data;
using Sdl.Runtime.Export;
using Sdl.Runtime.Tests.Data;
using Sdl.Runtime.Tests.Training;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Export;

public class EmbeddingExportTests
{
    static MultiViewDataset RandomData(int count, int seed)
    {
        var random = new Random(seed);
        float[] Values(int width) => Enumerable.Range(0, count * width).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return new MultiViewDataset([new ViewData("Left", Values(6), 6), new ViewData("Right", Values(4), 4)],
            Enumerable.Range(0, count).Select(i => i % 3).ToArray(), "random");
    }

    [Fact]
    public void WritesEachViewsEmbeddings_EqualToOneWholeEvalForward_AcrossBatchBoundaries()
    {
        manual_seed(4);
        using var model = new TinyTwoViewModel(6, 4, embedding: 3, dropout: 0.5);
        model.train();
        var data = RandomData(37, seed: 2);
        using var files = new NpyTestFiles();

        var paths = EmbeddingExport.WriteNpy(model, data, files.Path("emb"), batchSize: 8);

        Assert.Equal(["Left.npy", "Right.npy", "labels.npy"], paths.Select(Path.GetFileName));
        Assert.True(model.training, "the model's training mode is restored");
        model.eval();
        using var _ = no_grad();
        var output = model.forward([data.ToTensor(0), data.ToTensor(1)]);
        for (int v = 0; v < 2; v++)
        {
            var written = NpyReader.Read(paths[v]);
            Assert.Equal(new long[] { 37, 3 }, written.Shape);
            var expected = output.Embeddings[v].data<float>().ToArray();
            // Dropout at 0.5 would change every value in training mode; equality shows evaluation mode.
            Assert.Equal(expected.Length, written.Values.Length);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], written.Values[i], 1e-6f);
        }
        Assert.Equal(data.Labels!, NpyReader.ReadLabels(paths[2]));
    }

    [Fact]
    public void DataOfTheWrongWidth_IsNamedBeforeAnyTensorWork()
    {
        using var model = new TinyTwoViewModel(6, 5, embedding: 3);
        var error = Assert.Throws<DataShapeException>(() => EmbeddingExport.WriteNpy(model, RandomData(5, 1), Path.GetTempPath()));
        Assert.Contains("view 'Right' takes 5 features per sample, but view 2 of the data ('Right', random) has 4", error.Message);
    }
}
