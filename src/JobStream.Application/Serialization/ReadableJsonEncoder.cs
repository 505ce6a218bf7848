using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace JobStream.Application.Serialization;

/// <summary>
/// Escapes only what JSON requires (quote, backslash, control characters, lone surrogates) and leaves
/// every other character readable, emoji included: the equivalent of Python's ensure_ascii=False.
/// The built-in relaxed encoder still escapes characters outside the Basic Multilingual Plane.
/// Safe for SSE and JSON bodies; not for embedding JSON in HTML script blocks.
/// </summary>
public sealed class ReadableJsonEncoder : JavaScriptEncoder
{
    public static readonly ReadableJsonEncoder Instance = new();

    private static readonly SearchValues<char> SpecialChars = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\"\\" +
        string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    private static readonly SearchValues<byte> SpecialBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    private ReadableJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 12;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\' || unicodeScalar is >= 0xD800 and <= 0xDFFF;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        var offset = 0;
        while (true)
        {
            var found = span[offset..].IndexOfAny(SpecialChars);
            if (found < 0)
            {
                return -1;
            }
            var index = offset + found;
            if (char.IsHighSurrogate(span[index]) && index + 1 < span.Length && char.IsLowSurrogate(span[index + 1]))
            {
                offset = index + 2; // a valid pair is an ordinary character
                continue;
            }
            return index;
        }
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        // Bytes below 0x80 never occur inside a multi-byte sequence, so for valid UTF-8 a byte scan is exact.
        return Utf8.IsValid(utf8Text) ? utf8Text.IndexOfAny(SpecialBytes) : base.FindFirstCharacterToEncodeUtf8(utf8Text);
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var output = new Span<char>(buffer, bufferLength);
        var shortForm = unicodeScalar switch
        {
            '"' => '"',
            '\\' => '\\',
            '\b' => 'b',
            '\f' => 'f',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            _ => '\0',
        };
        if (shortForm != '\0')
        {
            if (output.Length < 2)
            {
                numberOfCharactersWritten = 0;
                return false;
            }
            output[0] = '\\';
            output[1] = shortForm;
            numberOfCharactersWritten = 2;
            return true;
        }

        Span<char> units = stackalloc char[2];
        var count = new System.Text.Rune(unicodeScalar).EncodeToUtf16(units);
        if (output.Length < count * 6)
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        for (var i = 0; i < count; i++)
        {
            output[i * 6] = '\\';
            output[i * 6 + 1] = 'u';
            ((int)units[i]).TryFormat(output.Slice(i * 6 + 2, 4), out _, "X4", System.Globalization.CultureInfo.InvariantCulture);
        }
        numberOfCharactersWritten = count * 6;
        return true;
    }
}
