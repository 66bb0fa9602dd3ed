using System.Runtime.InteropServices;
using Sdl.Runtime.Training;

namespace Sdl.Examples.MnistSoftCca;

/// <summary>
/// On Ctrl-C (SIGINT) or SIGTERM, says on standard error what the interrupted run left and how to
/// continue it, then lets the signal end the process as usual (exit 130 or 143). Checkpoints are
/// written atomically, so an interruption at any instant leaves a run that <c>--resume</c> accepts;
/// the folder's lock ends with the process. (The live display restores the terminal itself, see
/// Sdl.Reports.LiveTrainingProgress.)
/// </summary>
sealed class InterruptionNotice : IDisposable
{
    readonly PosixSignalRegistration[] registrations;

    InterruptionNotice(string output, IReadOnlyList<string> methodFolders)
    {
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Notify), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Notify)];

        void Notify(PosixSignalContext context)
        {
            bool saved = methodFolders.Any(folder => File.Exists(Path.Combine(output, folder, Trainer.LastCheckpointName)));
            Console.Error.WriteLine();
            Console.Error.WriteLine(saved
                ? $"interrupted ({context.Signal}): {output} keeps each method's last complete epoch; to continue, run the same command with --resume (--output {output})."
                : $"interrupted ({context.Signal}) before the first epoch ended: nothing to resume in {output}; to start again, run the same command with --restart.");
            Console.Error.Flush();
        }
    }

    /// <summary>Starts listening for the two signals until disposed.</summary>
    public static InterruptionNotice Register(string output, IReadOnlyList<string> methodFolders) => new(output, methodFolders);

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
    }
}
