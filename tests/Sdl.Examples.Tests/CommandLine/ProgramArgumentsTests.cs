using System.Globalization;
using Sdl.Examples.CommandLine;

namespace Sdl.Examples.Tests.CommandLine;

/// <summary>Numbers on the command line mean the same in every locale (under de-DE, "0.001" once read as 1).</summary>
public class ProgramArgumentsTests
{
    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("en-US")]
    public void Numbers_ReadWithAPoint_InEveryLocale(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(0.001, ProgramArguments.Number("--lr", "0.001"));
            Assert.Equal(0.25, ProgramArguments.Number("--lambda", "0.25"));
            Assert.Equal(1e-3, ProgramArguments.Number("--lr", "1e-3"));
            Assert.Equal(-2.5, ProgramArguments.Number("--x", "-2.5"));
            var comma = Assert.Throws<OptionException>(() => ProgramArguments.Number("--lr", "0,001"));
            Assert.Equal("--lr takes a point as the decimal separator (for example 0.001), whatever the locale; it is '0,001'.", comma.Message);
            Assert.Throws<OptionException>(() => ProgramArguments.Number("--lr", "ten"));
            Assert.Equal(12, ProgramArguments.Integer(["--n", "12"], "--n", fallback: 1));
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }
}
