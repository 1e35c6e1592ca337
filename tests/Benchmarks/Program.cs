using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ImpactEmploi.Benchmarks
{
    /// <summary>
    /// Runs the Core micro-benchmarks with a short job (3 warm-up and 10 measured iterations, in process, so no
    /// project is generated and rebuilt): build.ps1 -Task Bench stays within minutes. Arguments go to
    /// BenchmarkDotNet (for example --filter *Ini* --artifacts out/bench/bdn).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var job = Job.Default
                .WithWarmupCount(3)
                .WithIterationCount(10)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("Short");
            var config = DefaultConfig.Instance
                .AddJob(job)
                .WithOptions(ConfigOptions.JoinSummary);
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
            foreach (var summary in summaries)
            {
                if (summary.HasCriticalValidationErrors || summary.Reports.Length == 0)
                {
                    return 1;
                }
            }

            return 0;
        }
    }
}
