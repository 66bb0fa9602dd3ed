namespace Sdl.Runtime.Data;

/// <summary>
/// Builds two-view data sets from labelled images: the classic multi-view benchmarks derived
/// from MNIST. Pixels are scaled from bytes to [0, 1].
/// </summary>
public static class ImageViews
{
    /// <summary>
    /// Left and right halves of each image (Andrew et al. 2013's DCCA benchmark): for 28 × 28
    /// digits, 392 + 392 features, columns 0–13 and 14–27 of every row.
    /// </summary>
    public static MultiViewDataset LeftRightHalves(LabeledImages images)
    {
        if (images.Columns % 2 != 0)
            throw new DataShapeException($"{images.Source}: images {images.Columns} columns wide cannot be cut into equal halves.");
        int half = images.Columns / 2, width = images.Rows * half;
        var left = new float[images.Count * width];
        var right = new float[images.Count * width];
        for (int n = 0; n < images.Count; n++)
        {
            var image = images.Image(n);
            for (int r = 0; r < images.Rows; r++)
                for (int c = 0; c < half; c++)
                {
                    left[n * width + r * half + c] = image[r * images.Columns + c] / 255f;
                    right[n * width + r * half + c] = image[r * images.Columns + half + c] / 255f;
                }
        }
        return new MultiViewDataset(
            [new ViewData("left", left, width), new ViewData("right", right, width)],
            images.Labels.Select(l => (int)l).ToArray(),
            $"{images.Source}, left/right halves");
    }

    /// <summary>
    /// Noisy-MNIST pairs (Wang et al. 2015): view 1 is the digit rotated by an angle drawn uniformly
    /// from ±<paramref name="maxRotationDegrees"/>; view 2 is another image of the same class with
    /// independent uniform noise in [0, <paramref name="noiseLevel"/>] added to each pixel, clipped to [0, 1].
    /// The views share only the class, which is what a multi-view model should find.
    /// </summary>
    public static MultiViewDataset NoisyPairs(LabeledImages images, int seed, double maxRotationDegrees = 45, double noiseLevel = 1.0)
    {
        var random = new Random(seed);
        int width = images.PixelsPerImage;
        var byClass = Enumerable.Range(0, images.ClassCount)
            .Select(c => Enumerable.Range(0, images.Count).Where(i => images.Labels[i] == c).ToArray())
            .ToArray();
        var rotated = new float[images.Count * width];
        var noisy = new float[images.Count * width];
        for (int n = 0; n < images.Count; n++)
        {
            double angle = (random.NextDouble() * 2 - 1) * maxRotationDegrees * Math.PI / 180;
            Rotate(images.Image(n), images.Rows, images.Columns, angle, rotated.AsSpan(n * width, width));

            var sameClass = byClass[images.Labels[n]];
            int partner = sameClass.Length > 1 ? PickOther(sameClass, n, random) : n;
            var source = images.Image(partner);
            for (int p = 0; p < width; p++)
                noisy[n * width + p] = (float)Math.Min(1.0, source[p] / 255.0 + random.NextDouble() * noiseLevel);
        }
        return new MultiViewDataset(
            [new ViewData("rotated", rotated, width), new ViewData("noisy", noisy, width)],
            images.Labels.Select(l => (int)l).ToArray(),
            $"{images.Source}, noisy pairs (rotation ±{maxRotationDegrees}°, noise {noiseLevel}, seed {seed})");
    }

    static int PickOther(int[] candidates, int self, Random random)
    {
        while (true)
        {
            int pick = candidates[random.Next(candidates.Length)];
            if (pick != self) return pick;
        }
    }

    /// <summary>Rotates about the image centre with bilinear interpolation; outside pixels are black.</summary>
    static void Rotate(ReadOnlySpan<byte> image, int rows, int columns, double angle, Span<float> output)
    {
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        double cy = (rows - 1) / 2.0, cx = (columns - 1) / 2.0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                // Inverse mapping: where in the source does this output pixel come from?
                double dy = r - cy, dx = c - cx;
                double sy = cos * dy - sin * dx + cy, sx = sin * dy + cos * dx + cx;
                int y0 = (int)Math.Floor(sy), x0 = (int)Math.Floor(sx);
                double fy = sy - y0, fx = sx - x0;
                double value = 0;
                for (int k = 0; k < 4; k++)
                {
                    int y = y0 + (k >> 1), x = x0 + (k & 1);
                    if (y < 0 || y >= rows || x < 0 || x >= columns) continue;
                    double weight = ((k >> 1) == 1 ? fy : 1 - fy) * ((k & 1) == 1 ? fx : 1 - fx);
                    value += weight * image[y * columns + x];
                }
                output[r * columns + c] = (float)(value / 255.0);
            }
    }
}
