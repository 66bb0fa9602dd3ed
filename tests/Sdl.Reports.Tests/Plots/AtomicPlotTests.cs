using Sdl.Reports.Tests.Comparison;
using Sdl.Runtime.Training;

namespace Sdl.Reports.Tests.Plots;

/// <summary>
/// A PNG is written like every result file: to a temporary file renamed over the old one. A disk
/// that fills mid-write leaves the previous plot whole and no temporary file (before: both PNGs
/// were left at 0 bytes by a full disk).
/// </summary>
public class AtomicPlotTests
{
    [Fact]
    public void DiskFullWhileWritingAPlot_LeavesThePreviousFileWhole()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"sdl-atomic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var report = SampleReports.TwoMethods();
            var spectrum = Path.Combine(directory, "correlation-spectrum.png");
            var curves = Path.Combine(directory, "learning-curves.png");
            ReportPlots.CorrelationSpectrum(report, spectrum);
            ReportPlots.LearningCurves(report, curves);
            var before = new[] { spectrum, curves }.ToDictionary(p => p, File.ReadAllBytes);

            ReportFiles.Writer.Value = new RunFileWriter { WrapStream = stream => new DiskFullStream(stream, capacity: 4096) };
            try
            {
                var error = Assert.Throws<OutputWriteException>(() => ReportPlots.CorrelationSpectrum(report, spectrum));
                Assert.StartsWith($"Could not write {spectrum}: No space left on device", error.Message);
                Assert.Throws<OutputWriteException>(() => ReportPlots.LearningCurves(report, curves));
            }
            finally { ReportFiles.Writer.Value = null; }

            foreach (var (path, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(path));
            Assert.Equal(2, Directory.GetFiles(directory).Length); // no temporary file left
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    /// <summary>A stream that accepts <c>capacity</c> bytes and then fails as a full disk does.</summary>
    sealed class DiskFullStream(Stream inner, long capacity) : Stream
    {
        long written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => written;
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (written + buffer.Length > capacity) throw new IOException("No space left on device");
            inner.Write(buffer);
            written += buffer.Length;
        }
    }
}
