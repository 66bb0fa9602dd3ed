using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Interop;

/// <summary>
/// Scalars that stay alive until this object is disposed. TorchSharp 0.107 passes a Scalar's
/// native handle to libtorch without keeping the managed Scalar reachable, so a Scalar made
/// implicitly from a number (<c>tensor * 0.5</c>, the hidden alpha of 1 in <c>a + b</c>,
/// <c>Tensor.ToDouble()</c>) can be finalised by a garbage collection on another thread while
/// libtorch still reads it: "Unknown scalar type" or "Expected false to be true" at random.
/// The per-step code of the losses takes its numbers from here instead.
/// </summary>
internal sealed class HeldScalars : IDisposable
{
    private readonly List<Scalar> held = [];

    /// <summary>A Float64 scalar that lives as long as this object.</summary>
    public Scalar this[double value]
    {
        get
        {
            var scalar = value.ToScalar();
            held.Add(scalar);
            return scalar;
        }
    }

    /// <summary><c>a + b</c> without the implicit (unheld) alpha of 1 that <c>Tensor.add(Tensor)</c> makes.</summary>
    public Tensor Add(Tensor a, Tensor b) => a.add(b, this[1]);

    /// <summary><c>x += value</c> in place, with both scalars held (<c>add_(Scalar)</c> makes an unheld alpha).</summary>
    public Tensor AddInPlace(Tensor x, double value) => x.add_(this[value], this[1]);

    /// <summary>Element-wise square (<c>Tensor.square()</c> is <c>pow(2)</c> with an unheld 2).</summary>
    public Tensor Square(Tensor x) => x.pow(this[2]);

    [ThreadStatic] private static long hostReads;

    /// <summary>
    /// How many values <see cref="Read"/> has copied to the host on this thread: on a GPU each one
    /// waits for the stream, so a test counts them around a training step (the runtime's code reads
    /// tensors to the host only through <see cref="Read"/>).
    /// </summary>
    public static long HostReadsOnThisThread => hostReads;

    /// <summary>The value of a one-element tensor; the intermediate Scalar is held across the native read.</summary>
    public static double Read(Tensor value)
    {
        hostReads++;
        using var scalar = value.ToScalar();
        return scalar.ToDouble();
    }

    public void Dispose()
    {
        foreach (var scalar in held) scalar.Dispose();
        held.Clear();
    }
}
