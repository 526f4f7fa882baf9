using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Lab.Engine.TargetGenerator;

/// <summary>
/// The compiled-in target table of a Native AOT worker (issue #11). For an assembly with [Lab.Engine.ProcessTarget]
/// methods it emits <c>Lab.Engine.Generated.ProcessTargetTable_&lt;Assembly&gt;.Register()</c>: one entry per method, a
/// delegate that casts the decoded arguments and calls the method directly (an awaitable result is waited for), keyed as
/// Targets/CompiledTargets.cs says; a (P) -> R method with P and R among int, long, double also gets the pool's typed
/// chunk runner. A method that cannot be a target (not static, generic, private, ref parameters, async void) is a
/// compile error, LABAOT001. In an AOT worker host (MSBuild property LabEngineAotWorkerHost=true) it also emits
/// <c>Lab.Engine.Generated.AotWorkerTargets.Register()</c>, which calls the table of every referenced assembly and its
/// own: measured in the spike, ILC does not run a referenced assembly's module initializer that nothing names, so the
/// host names each table. No reflection at run time.
/// </summary>
[Generator]
public sealed class TargetGenerator : IIncrementalGenerator
{
    private const string AttributeName = "Lab.Engine.ProcessTargetAttribute";
    private const string TableNamespace = "Lab.Engine.Generated";
    private const string TablePrefix = "ProcessTargetTable_";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider.ForAttributeWithMetadataName(AttributeName,
            static (_, _) => true,
            static (ctx, _) => Describe((IMethodSymbol)ctx.TargetSymbol));
        var assembly = context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? "");
        context.RegisterSourceOutput(methods.Collect().Combine(assembly), static (spc, input) => EmitTable(spc, input.Left, input.Right));

        var isHost = context.AnalyzerConfigOptionsProvider.Select(static (o, _) =>
            o.GlobalOptions.TryGetValue("build_property.LabEngineAotWorkerHost", out var v) && string.Equals(v, "true", System.StringComparison.OrdinalIgnoreCase));
        var referencedTables = context.CompilationProvider.Select(static (c, _) => ReferencedTables(c));
        var hostInput = isHost.Combine(referencedTables).Combine(methods.Collect().Select(static (m, _) => !m.IsEmpty)).Combine(assembly);
        context.RegisterSourceOutput(hostInput, static (spc, input) =>
        {
            var (((host, tables), ownTable), name) = input;
            if (host) EmitHostRoots(spc, tables, ownTable ? TableName(name) : null);
        });
    }

    private sealed record Target(string? Error, Location? Where, string TypeMetadataName, string TypeDisplay, string Method,
        ImmutableArray<string> Parameters, string ReturnKind, string ReturnType)
    {
        public bool Equals(Target? other) => other is not null && ToString() == other.ToString();
        public override int GetHashCode() => ToString().GetHashCode();
        public override string ToString() => $"{Error}|{TypeMetadataName}|{Method}|{string.Join(",", Parameters)}|{ReturnKind}|{ReturnType}";
    }

    private static Target Describe(IMethodSymbol m)
    {
        string? error = null;
        if (!m.IsStatic) error = "is not static";
        else if (m.IsGenericMethod || IsInGenericType(m.ContainingType)) error = "is generic (a target is identified by name, without type arguments)";
        else if (!IsReachable(m)) error = "is private or protected, or inside such a type (the generated table cannot call it): make it internal or public";
        else if (m.Parameters.Any(p => p.RefKind != RefKind.None)) error = "has ref, out or in parameters (arguments are copies sent to another process)";
        else if (m.ReturnsVoid && m.IsAsync) error = "is async void (nothing could wait for its end): declare it async Task";
        // Nullable annotations kept (List<object?>): the generated call must match the parameter types exactly.
        var fq = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
        var returnType = m.ReturnType;
        var kind = m.ReturnsVoid ? "void"
            : returnType is INamedTypeSymbol { Name: "Task" or "ValueTask", Arity: 0 } ? "task"
            : returnType is INamedTypeSymbol { Name: "Task" or "ValueTask", Arity: 1 } ? "task-of"
            : "value";
        return new Target(error, m.Locations.FirstOrDefault(), MetadataName(m.ContainingType), m.ContainingType.ToDisplayString(fq), m.Name,
            m.Parameters.Select(p => p.Type.ToDisplayString(fq)).ToImmutableArray(), kind, returnType.ToDisplayString(fq));
    }

    private static bool IsInGenericType(INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.ContainingType)
            if (type.IsGenericType) return true;
        return false;
    }

    private static bool IsReachable(ISymbol symbol)
    {
        for (var s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingType)
            if (s.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)) return false;
        return true;
    }

    /// <summary>Type.FullName as reflection gives it (nested types with '+'), which is what TargetMethod carries.</summary>
    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    private static string TableName(string assembly) =>
        TablePrefix + new string(assembly.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    private static readonly DiagnosticDescriptor Invalid = new("LABAOT001", "Invalid process target",
        "[ProcessTarget] method {0} {1}", "Lab.Engine", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly string[] Primitive = ["int", "long", "double"];

    private static void EmitTable(SourceProductionContext spc, ImmutableArray<Target> targets, string assembly)
    {
        if (targets.IsEmpty) return;
        var sb = new StringBuilder();
        sb.AppendLine("// <auto-generated/> by Lab.Engine.TargetGenerator: the [ProcessTarget] methods of this assembly.");
        sb.AppendLine("#nullable enable");
        sb.AppendLine($"namespace {TableNamespace};");
        sb.AppendLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        sb.AppendLine($"public static class {TableName(assembly)}");
        sb.AppendLine("{");
        sb.AppendLine("    public static void Register()");
        sb.AppendLine("    {");
        foreach (var t in targets.OrderBy(t => t.TypeMetadataName, System.StringComparer.Ordinal).ThenBy(t => t.Method, System.StringComparer.Ordinal)
                     .ThenBy(t => t.Parameters.Length))
        {
            if (t.Error is not null)
            {
                spc.ReportDiagnostic(Diagnostic.Create(Invalid, t.Where, $"{t.TypeMetadataName}.{t.Method}", t.Error));
                continue;
            }
            var args = string.Join(", ", t.Parameters.Select((p, i) => $"({p})a[{i}]!"));
            var call = $"{t.TypeDisplay}.{t.Method}({args})";
            var body = t.ReturnKind switch
            {
                "void" => $"{{ {call}; return null; }}",
                "task" => $"{{ {call}.GetAwaiter().GetResult(); return null; }}",
                "task-of" => $"{call}.GetAwaiter().GetResult()",
                _ => call,
            };
            var key = $"{assembly}:{t.TypeMetadataName}.{t.Method}/{t.Parameters.Length}";
            var typed = t.ReturnKind == "value" && t.Parameters.Length == 1 && Primitive.Contains(t.Parameters[0]) && Primitive.Contains(t.ReturnType)
                ? $"global::Lab.Engine.ProcessTargets.TypedChunk<{t.Parameters[0]}, {t.ReturnType}>({t.TypeDisplay}.{t.Method})"
                : "null";
            sb.AppendLine($"        global::Lab.Engine.ProcessTargets.Register(\"{key}\", static a => {body}, {typed});");
        }
        sb.AppendLine("    }");
        sb.AppendLine("}");
        spc.AddSource("ProcessTargetTable.g.cs", sb.ToString());
    }

    /// <summary>The generated tables of the referenced assemblies (a host references its target assemblies and, through
    /// them, Lab.Engine, whose own targets are the pool's worker loop, the manager server and the tracker).</summary>
    private static ImmutableArray<string> ReferencedTables(Compilation compilation) =>
        compilation.SourceModule.ReferencedAssemblySymbols
            .Select(a => a.GetTypeByMetadataName($"{TableNamespace}.{TableName(a.Name)}") is { DeclaredAccessibility: Accessibility.Public } ? TableName(a.Name) : null)
            .Where(n => n is not null).Select(n => n!).OrderBy(n => n, System.StringComparer.Ordinal).ToImmutableArray();

    private static void EmitHostRoots(SourceProductionContext spc, ImmutableArray<string> tables, string? ownTable)
    {
        var sb = new StringBuilder();
        sb.AppendLine("// <auto-generated/> by Lab.Engine.TargetGenerator: the targets this AOT worker host compiles in.");
        sb.AppendLine($"namespace {TableNamespace};");
        sb.AppendLine("internal static class AotWorkerTargets");
        sb.AppendLine("{");
        sb.AppendLine("    public static void Register()");
        sb.AppendLine("    {");
        foreach (var table in tables) sb.AppendLine($"        global::{TableNamespace}.{table}.Register();");
        if (ownTable is not null) sb.AppendLine($"        global::{TableNamespace}.{ownTable}.Register();");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        spc.AddSource("AotWorkerTargets.g.cs", sb.ToString());
    }
}
