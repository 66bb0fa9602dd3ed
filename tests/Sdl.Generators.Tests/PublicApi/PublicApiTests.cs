using System.ComponentModel;
using System.Reflection;
using System.Text;
using ApprovalTests;
using ApprovalTests.Writers;

namespace Sdl.Generators.Tests.PublicApi;

/// <summary>
/// The public API of Sdl.Dsl, Sdl.Runtime, Sdl.Reports and Sdl.Export as an approved listing, so that any change to it is a reviewed diff
/// (accept with accept-snapshots.sh). Members meant for generated code only are marked <c>[hidden]</c>
/// (<see cref="EditorBrowsableState.Never"/>); the test also requires that every such member is one.
/// Each type carries the one line of <see cref="WhyPublic"/> that says why it is public.
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void SdlDsl() => Approvals.Verify(new ApprovalTextWriter(Describe(typeof(Sdl.Dsl.MultiViewModelAttribute).Assembly), "txt"));

    [Fact]
    public void SdlRuntime() => Approvals.Verify(new ApprovalTextWriter(Describe(typeof(Sdl.Runtime.Models.MultiViewModule).Assembly), "txt"));

    [Fact]
    public void SdlReports() => Approvals.Verify(new ApprovalTextWriter(Describe(typeof(Sdl.Reports.LiveProgress).Assembly), "txt"));

    [Fact]
    public void SdlExport() => Approvals.Verify(new ApprovalTextWriter(Describe(typeof(Sdl.Export.Onnx.OnnxExport).Assembly), "txt"));

    [Fact]
    public void GeneratedCodeOnlyMembers_AreHiddenFromUsers()
    {
        Assert.True(IsHidden(typeof(Sdl.Runtime.Models.Hyperparameters).GetMethod(nameof(Sdl.Runtime.Models.Hyperparameters.Resolve))!));
        Assert.True(IsHidden(typeof(Sdl.Runtime.Models.ActivationCapture)));
        Assert.True(IsHidden(typeof(Sdl.Runtime.Models.MultiViewModule).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)!));
    }

    [Fact]
    public void EveryPublicType_SaysWhyItIsPublic()
    {
        var exported = new[] { typeof(Sdl.Dsl.MultiViewModelAttribute), typeof(Sdl.Runtime.Models.MultiViewModule), typeof(Sdl.Reports.LiveProgress), typeof(Sdl.Export.Onnx.OnnxExport) }
            .SelectMany(t => t.Assembly.GetExportedTypes()).Where(t => !t.IsNested).Select(t => t.FullName!).ToHashSet();
        Assert.Empty(exported.Where(name => !WhyPublic.Reasons.ContainsKey(name)).Order(StringComparer.Ordinal));
        // A reason for a type that is no longer public is stale: the list says why what is public is public, nothing else.
        Assert.Empty(WhyPublic.Reasons.Keys.Where(name => !exported.Contains(name)).Order(StringComparer.Ordinal));
    }

    private static bool IsHidden(MemberInfo member) =>
        member.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            string kind = type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsInterface ? "interface" : type.IsAbstract && type.IsSealed ? "static class" : "class";
            string baseType = type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) ? " : " + Name(b) : "";
            text.AppendLine($"{(IsHidden(type) ? "[hidden] " : "")}{kind} {Name(type)}{baseType}");
            if (!type.IsNested) text.AppendLine($"    // why public: {WhyPublic.Reasons.GetValueOrDefault(type.FullName!, "(no reason given: add one to WhyPublic)")}");
            if (type.IsEnum)
            {
                foreach (var name in Enum.GetNames(type)) text.AppendLine($"    {name} = {Convert.ToInt64(Enum.Parse(type, name))}");
                continue;
            }
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var lines = new List<string>();
            foreach (var member in type.GetMembers(Flags))
            {
                string? line = member switch
                {
                    ConstructorInfo c when Visible(c) => $"{Access(c)}ctor({Parameters(c)})",
                    MethodInfo m when Visible(m) && !m.IsSpecialName => $"{Access(m)}{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}({Parameters(m)})",
                    PropertyInfo p when (p.GetMethod ?? p.SetMethod) is { } accessor && Visible(accessor) => $"{Access(accessor)}{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod is not null && Visible(p.GetMethod) ? "get; " : "")}{(p.SetMethod is not null && Visible(p.SetMethod) ? "set; " : "")}}}",
                    FieldInfo f when (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName => $"{(f.IsFamily ? "protected " : "")}{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
                    _ => null,
                };
                if (line is not null) lines.Add((IsHidden(member) ? "[hidden] " : "") + line);
            }
            foreach (var line in lines.Order(StringComparer.Ordinal)) text.AppendLine("    " + line);
        }
        return text.ToString();
    }

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Access(MethodBase method) => method.IsPublic ? "" : "protected ";

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter) return type.Name;
        if (Nullable.GetUnderlyingType(type) is { } inner) return Name(inner) + "?";
        if (type.IsArray) return Name(type.GetElementType()!) + "[]";
        if (type.IsByRef) return "ref " + Name(type.GetElementType()!);
        string name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        if (!type.IsGenericType) return name;
        return name[..name.IndexOf('`')] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
