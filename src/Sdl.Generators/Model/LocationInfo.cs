using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Sdl.Generators.Model
{
    /// <summary>
    /// Where a diagnostic points, as plain values: a <see cref="Location"/> holds a syntax tree and would keep
    /// the compilation alive in the generator's cache.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location? location) =>
            location is null || location.SourceTree is null
                ? null
                : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

        public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());
    }
}
