using Microsoft.CodeAnalysis.Text;

namespace Sdl.Generators.Tests.Infrastructure;

/// <summary>Test sources mark the expected diagnostic span with <c>{|</c> and <c>|}</c>; this strips the marks and returns the span.</summary>
public static class Markup
{
    public static (string Source, TextSpan Span) Parse(string marked)
    {
        int start = marked.IndexOf("{|", StringComparison.Ordinal);
        int end = marked.IndexOf("|}", StringComparison.Ordinal);
        if (start < 0 || end < start) throw new ArgumentException("The source has no {| |} span.", nameof(marked));
        var source = marked.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
