using System;
using System.Collections.Generic;

namespace ImpactEmploi.Installations
{
    /// <summary>
    /// A process table read on its first question only, then kept: a command that ends up writing nothing (settings
    /// already right) never lists the processes, which costs milliseconds per command (10 ms for 64 processes on Linux).
    /// </summary>
    public sealed class LazyProcessTable : IProcessTable
    {
        private readonly Func<IProcessTable> _read;
        private IProcessTable? _table;

        public LazyProcessTable(Func<IProcessTable> read) => _read = read ?? throw new ArgumentNullException(nameof(read));

        /// <summary>Whether the table has been read (for tests).</summary>
        public bool IsRead => _table != null;

        public bool IsRunning(string imageName, string folder) => Table().IsRunning(imageName, folder);

        public IReadOnlyList<int> Find(string imageName, string folder) => Table().Find(imageName, folder);

        private IProcessTable Table() => _table ??= _read();
    }
}
