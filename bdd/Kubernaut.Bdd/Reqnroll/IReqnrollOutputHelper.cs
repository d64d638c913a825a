namespace Reqnroll;

/// <summary>
/// Writes to the test output and to the report. Text lines become log attachments
/// (<c>text/x.cucumber.log+plain</c>) of the running step or hook; files, bytes, text and links become attachments.
/// </summary>
public interface IReqnrollOutputHelper
{
    void WriteLine(string message);

    void WriteLine(string format, params object[] args);

    /// <summary>Attaches a file; its media type comes from the extension.</summary>
    void AddAttachment(string filePath);

    /// <summary>Attaches bytes (base64 in the report). Not part of Reqnroll: there, write a file and call <see cref="AddAttachment(string)"/>.</summary>
    void AddAttachment(byte[] content, string mediaType, string? fileName = null);

    /// <summary>Attaches text as is. Not part of Reqnroll: there, write a file and call <see cref="AddAttachment(string)"/>.</summary>
    void AddAttachment(string content, string mediaType, string? fileName = null);

    /// <summary>Attaches a link (<c>text/uri-list</c>). Not part of Reqnroll.</summary>
    void AddLink(string url);
}
