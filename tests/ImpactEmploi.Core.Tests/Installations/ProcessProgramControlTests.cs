using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Installations;
using Xunit;

namespace ImpactEmploi.Tests.Installations
{
    /// <summary>The real program control against real processes.</summary>
    public sealed class ProcessProgramControlTests
    {
        [SkippableFact]
        public async Task Cancelling_ends_the_wait_for_a_process_that_never_exits()
        {
            Skip.IfNot(OperatingSystem.IsLinux(), "A zombie (an exited child its parent never reaps) is a Linux process that no signal ends.");
            // sh starts a child, then becomes a sleep that never reaps it: once Terminate kills the child it stays a zombie,
            // which Process.WaitForExit never sees exit, like a program that hangs while closing. The child outlives the
            // shell's exec: one that exited before it could be reaped by the shell, and would then be gone at once.
            using var parent = Process.Start(new ProcessStartInfo("/bin/sh", new[] { "-c", "sleep 120 & echo $!; exec sleep 120" })
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            try
            {
                var zombie = int.Parse(await parent.StandardOutput.ReadLineAsync() ?? "", CultureInfo.InvariantCulture);
                using var stop = new CancellationTokenSource();
                var control = new ProcessProgramControl();
                var terminate = Task.Run(() => control.Terminate(zombie, TimeSpan.FromMinutes(10), stop.Token));
                await Task.Delay(300);
                Assert.False(terminate.IsCompleted, "the process never exits, so Terminate waits");
                await stop.CancelAsync();
                // Hang guard only: unheard, the wait lasts the 10 minutes of grace.
                Assert.Same(terminate, await Task.WhenAny(terminate, Task.Delay(TimeSpan.FromSeconds(30))));
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => terminate);
            }
            finally
            {
                parent.Kill(true);
                await parent.WaitForExitAsync();
            }
        }
    }
}
