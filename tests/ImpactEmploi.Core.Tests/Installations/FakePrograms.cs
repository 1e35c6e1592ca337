using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImpactEmploi.Installations;

namespace ImpactEmploi.Tests.Installations
{
    /// <summary>A process table and program control in one: what runs, and what the module stopped and started.</summary>
    internal sealed class FakePrograms : IProcessTable, IProgramControl
    {
        private readonly Dictionary<string, List<int>> _running = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        private int _nextId = 42;

        public FakePrograms(params (string Image, int Id)[] running)
        {
            foreach (var (image, id) in running)
            {
                Ids(image).Add(id);
            }
        }

        /// <summary>"terminate 11", "start /path/ServeurConnexion.exe", in order.</summary>
        public List<string> Calls { get; } = new List<string>();

        public bool IsRunning(string imageName, string folder) => Find(imageName, folder).Count > 0;

        public IReadOnlyList<int> Find(string imageName, string folder) => Ids(imageName).ToArray();

        /// <summary>Every program ignores the request to close and is never killed: Terminate waits its whole grace, or until cancelled.</summary>
        public bool NeverExit { get; set; }

        /// <summary>Completed when Terminate starts waiting for a program that never exits.</summary>
        public Task Waiting => _waiting.Task;

        private readonly TaskCompletionSource<bool> _waiting = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Every program takes this long to close: Terminate waits for it, or until cancelled.</summary>
        public TimeSpan? ExitsAfter { get; set; }

        public void Terminate(int processId, TimeSpan grace, CancellationToken cancellationToken)
        {
            Calls.Add("terminate " + processId);
            if (NeverExit || ExitsAfter != null)
            {
                _waiting.TrySetResult(true);
                cancellationToken.WaitHandle.WaitOne(NeverExit ? grace : ExitsAfter!.Value);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        public int Start(string executablePath)
        {
            Calls.Add("start " + executablePath);
            return _nextId++;
        }

        private List<int> Ids(string image) => _running.TryGetValue(image, out var ids) ? ids : _running[image] = new List<int>();
    }
}
