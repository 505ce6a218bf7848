using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace JobStream.TestServers;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package): a cluster made by <c>initdb</c> in a
/// temporary folder and <c>postgres</c> on a free loopback port, trusting local connections, with durability
/// off (fsync, synchronous commit) since nothing outlives the tests. As root it runs as the <c>postgres</c>
/// user, which initdb and postgres require. One server serves a whole test run (<see cref="SharedAsync"/>);
/// each test makes its own database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim SharedGate = new(1);
    private static PostgresServer? _shared;
    private readonly string _directory;
    private Process? _process;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static string? BinDirectory =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "postgres"))).OrderDescending().FirstOrDefault()
            : null;

    public static bool IsInstalled => BinDirectory is not null;

    /// <summary>The server of this test run, started by the first test that asks; stopped when the process exits.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync();
                var started = _shared;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => started.Stop();
            }
            return _shared;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>
    /// Stops the shared server: called when a test assembly's tests are done, since the test host may be
    /// ended without the process-exit event, which would leave postgres running.
    /// </summary>
    public static async Task StopSharedAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            _shared?.Stop();
            _shared = null;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql)");
        var directory = Directory.CreateTempSubdirectory("jobstream-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", "-R", "postgres:postgres", directory);
        }
        var data = Path.Combine(directory, "data");
        await RunAsync(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C");
        var server = new PostgresServer(directory, Loopback.FreePort());
        server.Start(asRoot, bin, data);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await server.AnswersAsync())
        {
            if (server._process!.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with {server._process.ExitCode}");
            }
            await Task.Delay(50, deadline.Token);
        }
        return server;
    }

    /// <summary>The connection string of a database on this server (the server's own "postgres" database by default).</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true }.ConnectionString;

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Start(bool asRoot, string bin, string data)
    {
        var arguments = new[]
        {
            Path.Combine(bin, "postgres"), "-D", data, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _directory,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300", "-c", "shared_buffers=64MB",
        };
        var start = Command(asRoot, arguments);
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start postgres");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false;Timeout=2");
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static ProcessStartInfo Command(bool asRoot, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(asRoot ? "runuser" : arguments[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--" })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in asRoot ? arguments : arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private static Task RunAsync(params string[] arguments) => RunAsync(false, arguments);

    private static async Task RunAsync(bool asRoot, params string[] arguments)
    {
        using var process = Process.Start(Command(asRoot, arguments)) ?? throw new InvalidOperationException($"could not run {arguments[0]}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
