using Sdl.Reports.Tests.Comparison;

namespace Sdl.Reports.Tests.Plots;

public class ReportPlotsTests
{
    [Fact]
    public void Plots_ArePngFilesOfTheRequestedSize()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"sdl-plots-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var curves = Path.Combine(directory, "curves.png");
            var spectrum = Path.Combine(directory, "spectrum.png");
            ReportPlots.LearningCurves(SampleReports.TwoMethods(), curves);
            ReportPlots.CorrelationSpectrum(SampleReports.TwoMethods(), spectrum);

            foreach (var (path, height) in new[] { (curves, ReportPlots.LearningCurvesHeight(1)), (spectrum, ReportPlots.Height) })
            {
                var bytes = File.ReadAllBytes(path);
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
                // IHDR: big-endian width and height at bytes 16..23.
                Assert.Equal(ReportPlots.Width, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
                Assert.Equal(height, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
                Assert.True(bytes.Length > 20_000, "a plot with axes, lines and legend is not a blank image");
            }
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void LearningCurves_WithoutAnyTrainedMethod_IsRefused()
    {
        var report = SampleReports.TwoMethods();
        var untrained = report with { Methods = [report.Methods[0]] };
        Assert.Throws<ArgumentException>(() => ReportPlots.LearningCurves(untrained, Path.Combine(Path.GetTempPath(), $"sdl-never-{Guid.NewGuid():N}.png")));
    }
}
