namespace JobStream.Application.Watches;

/// <summary>Newest first by when the job was posted (jobs with no stated date by when they were first seen), or by when first seen.</summary>
public enum JobSort
{
    PostedAt,
    FirstSeen,
}
