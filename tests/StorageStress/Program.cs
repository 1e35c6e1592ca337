using System;
using System.Globalization;
using System.Text;
using ImpactEmploi;
using ImpactEmploi.Storage;

// Usage:
//   increment <config> <count>   read-increment-commit "counter=N" <count> times
//   flip <config> <a> <b>        commit the contents of files <a> and <b> alternately until killed; prints "ready" after the first
//   commit <config> <text>       one commit of <text>
//   hold <config>                take the lock, print "locked", keep it until killed
//   hold-plain <file>            open <file> as FileStream FileShare.None (an older module's lock), print "locked", keep it until killed
//   try-plain <file>             open <file> as FileStream FileShare.None once: print "opened", or "busy" when someone holds it
// An IeaException prints "error <ErrorId>" and exits with 3.
try
{
    string config = args[1];
    TimeSpan timeout = TimeSpan.FromSeconds(60);
    switch (args[0])
    {
        case "increment":
            for (int i = 0, count = int.Parse(args[2], CultureInfo.InvariantCulture); i < count; i++)
            {
                using ConfigTransaction tx = ConfigTransaction.Begin(config, timeout);
                string text = Encoding.ASCII.GetString(tx.OriginalBytes.Span);
                int value = int.Parse(text.AsSpan("counter=".Length), CultureInfo.InvariantCulture);
                tx.Commit(Encoding.ASCII.GetBytes("counter=" + (value + 1).ToString(CultureInfo.InvariantCulture)));
            }
            break;
        case "flip":
            byte[][] versions = { System.IO.File.ReadAllBytes(args[2]), System.IO.File.ReadAllBytes(args[3]) };
            for (long i = 0; ; i++)
            {
                using (ConfigTransaction tx = ConfigTransaction.Begin(config, timeout))
                {
                    tx.Commit(versions[tx.OriginalBytes.Span.SequenceEqual(versions[0]) ? 1 : 0]);
                }
                if (i == 0) Console.WriteLine("ready");
            }
        case "commit":
            using (ConfigTransaction tx = ConfigTransaction.Begin(config, timeout))
            {
                tx.Commit(Encoding.UTF8.GetBytes(args[2]));
            }
            break;
        case "hold-plain":
            using (new System.IO.FileStream(config, System.IO.FileMode.OpenOrCreate, System.IO.FileAccess.ReadWrite, System.IO.FileShare.None))
            {
                Console.WriteLine("locked");
                System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
            }
            break;
        case "try-plain":
            try
            {
                using (new System.IO.FileStream(config, System.IO.FileMode.OpenOrCreate, System.IO.FileAccess.ReadWrite, System.IO.FileShare.None))
                {
                    Console.WriteLine("opened");
                }
            }
            catch (System.IO.IOException)
            {
                Console.WriteLine("busy");
            }
            break;
        case "hold":
            using (ConfigTransaction.Begin(config, timeout))
            {
                Console.WriteLine("locked");
                System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
            }
            break;
        default:
            Console.Error.WriteLine("unknown command " + args[0]);
            return 2;
    }
    return 0;
}
catch (IeaException ex)
{
    Console.WriteLine("error " + ex.ErrorId);
    Console.Error.WriteLine(ex.Message);
    return 3;
}
