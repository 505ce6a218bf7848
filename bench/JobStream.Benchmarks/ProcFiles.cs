using System.Globalization;

namespace JobStream.Benchmarks;

/// <summary>What the benchmarks read of processes and the machine from Linux's /proc.</summary>
internal static class ProcFiles
{
    private static readonly int[] BusyFields = [1, 2, 3, 6, 7];

    /// <summary>Resident bytes of a process (<c>VmRSS</c>); 0 for a process gone.</summary>
    public static long Resident(int pid) => KilobytesLine($"/proc/{pid}/status", "VmRSS:");

    /// <summary>Proportional set size (<c>Pss</c>): each page shared between processes divided among them; 0 for a process gone.</summary>
    public static long Proportional(int pid) => KilobytesLine($"/proc/{pid}/smaps_rollup", "Pss:");

    /// <summary>A process and every process under it, as they stand now.</summary>
    public static List<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
            }
        }
        return parents.Keys.Where(pid =>
        {
            var p = pid;
            while (p != root && parents.TryGetValue(p, out var parent) && parent > 1)
            {
                p = parent;
            }
            return p == root;
        }).ToList();
    }

    /// <summary>Seconds the machine's processors were busy since boot (user, nice, system, irq, softirq in /proc/stat).</summary>
    public static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = BusyFields.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return ticks / 100.0; // USER_HZ
    }

    // The bytes a /proc file gives in kB on the line that starts with the label; 0 for a process gone.
    private static long KilobytesLine(string path, string label)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
