using Lab.Engine.Sharing;
using Xunit;

namespace Lab.Engine.Tests;

/// <summary>The engine names its inherited kinds one by one (InheritedKinds.Discover: a Native AOT worker cannot find them
/// by reflection); the list must hold every [InheritedKind] type of the assembly, which reflection can still find here.</summary>
public sealed class InheritanceKindsTests
{
    [Fact]
    public void The_named_kinds_are_every_type_marked_InheritedKind()
    {
        var marked = typeof(InheritedKinds).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(InheritedKindAttribute), false).Cast<InheritedKindAttribute>())
            .Select(a => a.Kind).Order(StringComparer.Ordinal);
        Assert.Equal(marked, InheritedKinds.Kinds.Order(StringComparer.Ordinal));
    }
}
