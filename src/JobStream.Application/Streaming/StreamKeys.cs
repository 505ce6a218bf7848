namespace JobStream.Application.Streaming;

/// <summary>What may name a connection or a user: it becomes part of Redis keys and channel names.</summary>
public static class StreamKeys
{
    public const string SafeKeyPattern = "^[A-Za-z0-9_.@-]{1,128}$";

    public const string SafeKeyMessage = "Use 1-128 letters, digits or _.@- only.";
}
