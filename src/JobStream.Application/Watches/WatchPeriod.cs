using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace JobStream.Application.Watches;

/// <summary>A watch's period as people write it: "90s", "30m", "1h", "1h30m", "1d".</summary>
public static partial class WatchPeriod
{
    public static bool TryParse(string? text, out TimeSpan period)
    {
        period = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32 || !Shape().IsMatch(text.Trim()))
        {
            return false;
        }
        foreach (Match part in Part().Matches(text.Trim().ToLowerInvariant()))
        {
            if (!long.TryParse(part.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 100_000)
            {
                return false;
            }
            var unit = part.Groups[2].Value switch
            {
                "d" => TimeSpan.FromDays(1),
                "h" => TimeSpan.FromHours(1),
                "m" => TimeSpan.FromMinutes(1),
                _ => TimeSpan.FromSeconds(1),
            };
            period += unit * amount;
        }
        return period > TimeSpan.Zero;
    }

    public static string Format(TimeSpan period)
    {
        var text = new StringBuilder();
        void Add(int amount, char unit)
        {
            if (amount > 0)
            {
                text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }
        Add((int)period.TotalDays, 'd');
        Add(period.Hours, 'h');
        Add(period.Minutes, 'm');
        Add(period.Seconds, 's');
        return text.Length == 0 ? "0s" : text.ToString();
    }

    [GeneratedRegex(@"^(\d+[dhms])+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Shape();

    [GeneratedRegex(@"(\d+)([dhms])", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Part();
}
