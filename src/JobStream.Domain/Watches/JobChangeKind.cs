namespace JobStream.Domain.Watches;

public enum JobChangeKind
{
    Opened,
    Changed,
    Closed,
}
