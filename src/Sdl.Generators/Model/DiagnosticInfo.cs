using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Sdl.Generators.Model
{
    /// <summary>A diagnostic to report, held as values (descriptor, location, message arguments) so it can be cached.</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments) =>
            new DiagnosticInfo(descriptor, location, arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToEquatableArray());

        /// <summary>
        /// Recreates the diagnostic in <paramref name="compilation"/>'s own syntax tree when it can be found there, so that
        /// <c>#pragma warning disable</c> applies to it (a location without a tree is not matched against pragmas).
        /// </summary>
        public Diagnostic ToDiagnostic(Compilation compilation)
        {
            Microsoft.CodeAnalysis.Location? location = null;
            if (Location is not null)
            {
                var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == Location.FilePath);
                location = tree is not null && Location.Span.End <= tree.Length
                    ? Microsoft.CodeAnalysis.Location.Create(tree, Location.Span)
                    : Location.ToLocation();
            }
            return Diagnostic.Create(Descriptor, location, Arguments.Select(a => (object)a).ToArray());
        }

        public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;
    }
}
