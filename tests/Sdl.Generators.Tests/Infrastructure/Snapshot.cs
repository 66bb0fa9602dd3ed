using ApprovalTests;
using ApprovalTests.Core;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using ApprovalTests.Writers;

[assembly: UseReporter(typeof(QuietReporter))]

namespace Sdl.Generators.Tests.Infrastructure;

/// <summary>
/// One approved file per generated file, beside the test: <c>Class.Method.HintName.approved.cs</c>.
/// On a mismatch ApprovalTests writes <c>.received.cs</c> next to it; accept all of them with
/// <c>tests/Sdl.Generators.Tests/accept-snapshots.sh</c> (it renames received to approved).
/// </summary>
public static class Snapshot
{
    public static void Verify(GenerationResult result)
    {
        Assert.NotEmpty(result.Sources);
        // Check every file before failing, so one run writes every .received file that differs.
        var failures = new List<Exception>();
        foreach (var (hintName, source) in result.Sources)
        {
            try
            {
                using (ApprovalResults.ForScenario(hintName.Replace(".g.cs", "")))
                    Approvals.Verify(new ApprovalTextWriter(source, "cs"));
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                failures.Add(failure);
            }
        }
        if (failures.Count > 0) throw new AggregateException($"{failures.Count} of {result.Sources.Count} snapshots differ.", failures);
    }
}
