namespace JobStream.Infrastructure.Persistence;

public enum JobsProvider
{
    Sqlite,
    Postgres,
}
