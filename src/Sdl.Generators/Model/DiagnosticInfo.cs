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

        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.Select(a => (object)a).ToArray());

        public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;
    }
}
