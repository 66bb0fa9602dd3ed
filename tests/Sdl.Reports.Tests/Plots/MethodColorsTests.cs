using SkiaSharp;
using Sdl.Reports.Tests.Comparison;

namespace Sdl.Reports.Tests.Plots;

/// <summary>
/// One colour per method in every figure, whatever the order of the methods (before: colours came
/// from each plot's own order, so Soft CCA was blue in one PNG and orange in the other).
/// </summary>
public class MethodColorsTests
{
    [Fact]
    public void TheJobsMethods_HaveDistinctFixedColours_AndOtherNamesAStableOne()
    {
        string[] methods = ["Linear CCA (raw views)", "Soft CCA (SDL)", "Soft CCA (L1 SDL)", "DCCA-EY", "DCCA"];
        Assert.Equal(methods.Length, methods.Select(MethodColors.Of).Distinct().Count());
        Assert.Equal(MethodColors.Of("My method"), MethodColors.Of("My method"));
        Assert.DoesNotContain(MethodColors.Of("My method"), methods.Select(MethodColors.Of));
    }

    [Fact]
    public void AMethod_HasItsColourInBothFigures_InAnyOrder()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"sdl-colours-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var report = SampleReports.TwoMethods();
            var reversed = report with { Methods = report.Methods.Reverse().ToList() };
            var trained = report.Methods[1].Method;
            var baseline = report.Methods[0].Method;
            foreach (var (name, sample) in new[] { ("in-order", report), ("reversed", reversed) })
            {
                var spectrum = Path.Combine(directory, $"{name}-spectrum.png");
                var curves = Path.Combine(directory, $"{name}-curves.png");
                ReportPlots.CorrelationSpectrum(sample, spectrum);
                ReportPlots.LearningCurves(sample, curves);
                Assert.True(PixelsOf(spectrum, trained) > 200, $"{trained}'s colour is missing from the spectrum ({name})");
                Assert.True(PixelsOf(spectrum, baseline) > 200, $"{baseline}'s colour is missing from the spectrum ({name})");
                Assert.True(PixelsOf(curves, trained) > 200, $"{trained}'s colour is missing from the learning curves ({name})");
            }
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    /// <summary>Pixels of exactly <paramref name="method"/>'s colour (the centres of its 2-pixel lines, its markers, its legend swatch).</summary>
    static int PixelsOf(string png, string method)
    {
        var color = MethodColors.Of(method);
        using var bitmap = SKBitmap.Decode(png);
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Red == color.R && pixel.Green == color.G && pixel.Blue == color.B) count++;
            }
        return count;
    }
}
