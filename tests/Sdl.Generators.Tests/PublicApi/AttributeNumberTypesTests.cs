namespace Sdl.Generators.Tests.PublicApi;

/// <summary>
/// Hyperparameters in the attributes are doubles: a float property would turn <c>0.15</c> into 0.15000000596046448 on
/// its way to the runtime (and into summaries and reports), and would need an <c>f</c> suffix in every model.
/// </summary>
public class AttributeNumberTypesTests
{
    [Fact]
    public void NoAttributeHasAFloatProperty()
    {
        var floats = typeof(Sdl.Dsl.SoftCcaAttribute).Assembly.GetTypes()
            .Where(t => typeof(Attribute).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties().Where(p => p.PropertyType == typeof(float)).Select(p => $"{t.Name}.{p.Name}"))
            .ToList();
        Assert.Empty(floats);
        Assert.Equal(0.15, new Sdl.Dsl.DecorrelateAttribute { Alpha = 0.15 }.Alpha);
        Assert.Equal(typeof(double), typeof(Sdl.Dsl.SoftCcaAttribute).GetProperty(nameof(Sdl.Dsl.SoftCcaAttribute.Lambda))!.PropertyType);
    }
}
