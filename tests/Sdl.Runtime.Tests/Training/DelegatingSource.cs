using Sdl.Runtime.Data;
using Sdl.Runtime.Training;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Training;

/// <summary>A batch source that passes everything to <see cref="Inner"/>; the test seams below override <see cref="Epoch"/>.</summary>
abstract class DelegatingSource(IMultiViewBatchSource inner) : IMultiViewBatchSource
{
    protected IMultiViewBatchSource Inner { get; } = inner;
    public string Description => Inner.Description;
    public long Count => Inner.Count;
    public IReadOnlyList<string> ViewNames => Inner.ViewNames;
    public IReadOnlyList<int> ViewWidths => Inner.ViewWidths;
    public bool HasLabels => Inner.HasLabels;
    public int ClassCount => Inner.ClassCount;
    public long BatchesPerEpoch(int batchSize) => Inner.BatchesPerEpoch(batchSize);
    public MultiViewDataset LoadSample(int maxSamples, int seed) => Inner.LoadSample(maxSamples, seed);
    public abstract IEnumerable<MiniBatch> Epoch(int epoch, int batchSize, int seed, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes = null, long skipBatches = 0);
}
