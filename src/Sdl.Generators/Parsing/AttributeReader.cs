using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Sdl.Dsl;
using Sdl.Generators.Diagnostics;
using Sdl.Generators.Model;

namespace Sdl.Generators.Parsing
{
    /// <summary>Typed access to an attribute's constructor and named arguments, with its source location.</summary>
    internal readonly struct AttributeReader
    {
        private readonly AttributeData data;

        public AttributeReader(AttributeData data, CancellationToken cancellationToken)
        {
            this.data = data;
            Location = LocationInfo.From(data.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        }

        public LocationInfo? Location { get; }

        /// <summary>
        /// True when the compiler could not bind the attribute (a non-constant argument, a wrong argument type, ...).
        /// The compiler reports that error itself; the generator then stays silent about the model rather than
        /// reading a default in place of the argument and reporting a misleading diagnostic.
        /// </summary>
        public bool HasErrors =>
            data.AttributeClass is null || data.AttributeClass.TypeKind == TypeKind.Error || data.AttributeConstructor is null
            || data.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
            || data.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error);

        public string ClassName => data.AttributeClass?.ToDisplayString() ?? "";

        /// <summary>The attribute class's own attribute <paramref name="metadataName"/> (a marker such as <c>[LayerRuntime]</c>), or null.</summary>
        public AttributeData? Marker(string metadataName) => MarkerOf(data, metadataName);

        /// <summary>The marker <paramref name="metadataName"/> on <paramref name="attribute"/>'s class, or null.</summary>
        public static AttributeData? MarkerOf(AttributeData attribute, string metadataName) =>
            attribute.AttributeClass?.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

        /// <summary>The constructor's arguments with their parameter names, in order.</summary>
        public IEnumerable<(string Parameter, TypedConstant Value)> ConstructorArguments
        {
            get
            {
                var constructor = data.AttributeConstructor;
                return constructor is null
                    ? Enumerable.Empty<(string, TypedConstant)>()
                    : data.ConstructorArguments.Select((value, i) => (constructor.Parameters[i].Name, value));
            }
        }

        /// <summary>The named arguments as written, in source order.</summary>
        public IEnumerable<KeyValuePair<string, TypedConstant>> NamedArguments => data.NamedArguments;

        /// <summary>The attribute's name as the user writes it, without the <c>Attribute</c> suffix.</summary>
        public string ShortName
        {
            get
            {
                var name = data.AttributeClass?.Name ?? "";
                return name.EndsWith("Attribute") ? name.Substring(0, name.Length - "Attribute".Length) : name;
            }
        }

        public object? Positional(int index) =>
            index < data.ConstructorArguments.Length && data.ConstructorArguments[index].Kind != TypedConstantKind.Array
                ? data.ConstructorArguments[index].Value
                : null;

        public string String(int index) => Positional(index) as string ?? "";

        public long Long(int index, long fallback = 0) => Positional(index) is object value ? System.Convert.ToInt64(value, CultureInfo.InvariantCulture) : fallback;

        public double Double(int index, double fallback = 0) => Positional(index) is object value ? ToDouble(value) : fallback;

        /// <summary>A positional array; a <c>null</c> array reads as empty (the caller reports an empty shape).</summary>
        public IReadOnlyList<long> LongArray(int index) =>
            index < data.ConstructorArguments.Length && data.ConstructorArguments[index].Kind == TypedConstantKind.Array && !data.ConstructorArguments[index].IsNull
                ? data.ConstructorArguments[index].Values.Select(v => System.Convert.ToInt64(v.Value, CultureInfo.InvariantCulture)).ToArray()
                : new long[0];

        public bool Has(string name) => data.NamedArguments.Any(a => a.Key == name);

        private TypedConstant? Named(string name)
        {
            foreach (var argument in data.NamedArguments)
                if (argument.Key == name) return argument.Value;
            return null;
        }

        public long Long(string name, long fallback) =>
            Named(name) is TypedConstant c && c.Value is object value ? System.Convert.ToInt64(value, CultureInfo.InvariantCulture) : fallback;

        public double Double(string name, double fallback) =>
            Named(name) is TypedConstant c && c.Value is object value ? ToDouble(value) : fallback;

        public bool Bool(string name, bool fallback) =>
            Named(name) is TypedConstant c && c.Value is bool value ? value : fallback;

        public string String(string name, string fallback) =>
            Named(name) is TypedConstant c && c.Value is string value ? value : fallback;

        public IReadOnlyList<long>? LongArray(string name) =>
            Named(name) is TypedConstant c && c.Kind == TypedConstantKind.Array && !c.IsNull
                ? c.Values.Select(v => System.Convert.ToInt64(v.Value, CultureInfo.InvariantCulture)).ToArray()
                : null;

        /// <summary>
        /// A positional enum argument (<paramref name="index"/>) read as its DSL type. An argument the enum does not define
        /// (<c>(Activation)42</c>) is reported as SDL0037 on the attribute, with <paramref name="what"/> naming it, and
        /// reads as <paramref name="fallback"/>: the error keeps the model from being emitted, so the fallback is never used.
        /// </summary>
        public T Enum<T>(int index, T fallback, string what, List<DiagnosticInfo> diagnostics) where T : struct, System.Enum =>
            Checked(Positional(index), fallback, what, diagnostics);

        /// <summary>A named enum argument read as its DSL type; see <see cref="Enum{T}(int, T, string, List{DiagnosticInfo})"/>.</summary>
        public T Enum<T>(string name, T fallback, string what, List<DiagnosticInfo> diagnostics) where T : struct, System.Enum =>
            Checked(Named(name) is TypedConstant c ? c.Value : null, fallback, what, diagnostics);

        private T Checked<T>(object? raw, T fallback, string what, List<DiagnosticInfo> diagnostics) where T : struct, System.Enum
        {
            if (raw is null) return fallback;
            var value = (T)System.Enum.ToObject(typeof(T), raw);
            if (SdlRules.IsDefined(value)) return value;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, Location,
                what, System.Convert.ToInt64(raw, CultureInfo.InvariantCulture), typeof(T).Name, SdlRules.EnumNames<T>()));
            return fallback;
        }

        /// <summary>
        /// An argument as a C# literal for generated code (<c>2.5</c>, <c>true</c>, <c>"text"</c>,
        /// <c>global::Ns.Centre.Skip</c>, <c>new long[] { 1, 2 }</c>). An enum value the enum does not define is SDL0037 on
        /// this attribute, with <paramref name="what"/> naming the argument, and gives null, as does a type argument.
        /// </summary>
        public string? Literal(TypedConstant value, string what, List<DiagnosticInfo> diagnostics)
        {
            if (value.IsNull) return "null";
            switch (value.Kind)
            {
                case TypedConstantKind.Enum when value.Type is INamedTypeSymbol enumType:
                    long raw = System.Convert.ToInt64(value.Value, CultureInfo.InvariantCulture);
                    var members = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
                    var member = members.FirstOrDefault(f => System.Convert.ToInt64(f.ConstantValue, CultureInfo.InvariantCulture) == raw);
                    if (member is not null) return $"global::{enumType.ToDisplayString()}.{member.Name}";
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, Location,
                        what, raw, enumType.Name, string.Join(", ", members.Select(m => m.Name).OrderBy(n => n, System.StringComparer.Ordinal))));
                    return null;
                case TypedConstantKind.Array when value.Type is IArrayTypeSymbol array:
                    var elements = new List<string>();
                    foreach (var element in value.Values)
                        if (Literal(element, what, diagnostics) is string literal) elements.Add(literal);
                        else return null;
                    return $"new {array.ElementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}[] {{ {string.Join(", ", elements)} }}";
                case TypedConstantKind.Primitive:
                    return value.Value switch
                    {
                        float or double => Emitting.ModelEmitter.DoubleLiteral(ToDouble(value.Value)),
                        _ => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatPrimitive(value.Value!, quoteStrings: true, useHexadecimalNumbers: false),
                    };
                default:
                    return null; // a typeof(...) is not a setting
            }
        }

        /// <summary>
        /// Floats are widened through their shortest round-trip text, so <c>1e-3f</c> becomes 0.001 and not
        /// 0.0010000000474974513: the generated code then shows the number the user wrote.
        /// </summary>
        private static double ToDouble(object value) =>
            value is float f
                ? float.IsNaN(f) || float.IsInfinity(f) ? f : double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                : System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
    }
}
