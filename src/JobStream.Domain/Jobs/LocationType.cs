namespace JobStream.Domain.Jobs;

public enum LocationType
{
    Onsite,
    Hybrid,
    Remote,
}
