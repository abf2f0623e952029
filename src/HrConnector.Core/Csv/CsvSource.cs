using System.Text;
using System.Text.Unicode;

namespace HrConnector.Csv;

/// <summary>
/// Prepares the bytes of an HR file for the CSV reader: detects a byte order mark (which wins over the configured
/// encoding and never reaches the first header) and skips the lines before the header, so that line numbers of the
/// reader can be shifted back to physical lines of the file.
/// </summary>
internal static class CsvSource
{
    /// <summary>Positions <paramref name="stream"/> after the BOM and the skipped lines.</summary>
    /// <param name="stream">The bytes of the file, positioned at its start; it must be seekable.</param>
    /// <param name="configured">The encoding of the connection: without a BOM, the one used (or the fallback when <paramref name="detect"/>).</param>
    /// <param name="detect">Whether a file without a BOM is read as UTF-8 when its bytes are valid UTF-8, as <paramref name="configured"/> otherwise.</param>
    /// <param name="linesToSkip">The lines before the header.</param>
    /// <returns>
    /// The encoding of the content; whether fewer lines than asked could be skipped; and, when a single-byte encoding
    /// is configured but the bytes are valid UTF-8 with multi-byte characters, the 1-based line of the first one (else 0).
    /// </returns>
    public static (Encoding Encoding, bool EndedEarly, long Utf8Line) Prepare(Stream stream, Encoding configured, bool detect, int linesToSkip)
    {
        var encoding = DetectBom(stream);
        long utf8Line = 0;
        if (encoding is null)
        {
            encoding = configured;
            if (detect || configured.IsSingleByte)
            {
                var (valid, firstMultiByteLine) = ScanUtf8(stream);
                if (detect)
                {
                    encoding = valid ? new UTF8Encoding(false) : configured;
                }
                else if (valid)
                {
                    utf8Line = firstMultiByteLine;
                }
            }
        }

        if (linesToSkip == 0 || utf8Line > 0)
        {
            return (encoding, false, utf8Line);
        }

        var unit = encoding is UnicodeEncoding ? 2 : 1;
        var bigEndian = encoding.CodePage == 1201;
        var start = stream.Position;
        var buffer = new byte[64 * 1024];
        long consumed = 0;
        var skipped = 0;
        var pendingCr = false;
        int read;
        while (skipped < linesToSkip && (read = ReadUnits(stream, buffer, unit)) > 0)
        {
            for (var i = 0; i + unit <= read; i += unit)
            {
                int code = unit == 1 ? buffer[i] : bigEndian ? (buffer[i] << 8) | buffer[i + 1] : buffer[i] | (buffer[i + 1] << 8);
                if (pendingCr)
                {
                    pendingCr = false;
                    skipped++;
                    if (code == '\n')
                    {
                        consumed += unit;
                        if (skipped == linesToSkip)
                        {
                            break;
                        }

                        continue;
                    }

                    if (skipped == linesToSkip)
                    {
                        break;
                    }
                }

                consumed += unit;
                if (code == '\r')
                {
                    pendingCr = true;
                }
                else if (code == '\n')
                {
                    skipped++;
                    if (skipped == linesToSkip)
                    {
                        break;
                    }
                }
            }
        }

        if (pendingCr && skipped < linesToSkip)
        {
            skipped++;
        }

        stream.Position = start + consumed;
        return (encoding, skipped < linesToSkip, 0);
    }

    /// <summary>
    /// Tells whether the last character of <paramref name="stream"/> is a line break (CR or LF), reading only its last
    /// code unit; the stream is put back where it was. A stream with nothing left counts as ending with one.
    /// </summary>
    internal static bool EndsWithLineBreak(Stream stream, Encoding encoding)
    {
        var unit = encoding is UnicodeEncoding ? 2 : 1;
        var start = stream.Position;
        if (stream.Length - start < unit)
        {
            return true;
        }

        Span<byte> last = stackalloc byte[2];
        try
        {
            stream.Position = stream.Length - unit;
            stream.ReadExactly(last[..unit]);
        }
        finally
        {
            stream.Position = start;
        }

        int code = unit == 1 ? last[0] : encoding.CodePage == 1201 ? (last[0] << 8) | last[1] : last[0] | (last[1] << 8);
        return code is '\r' or '\n';
    }

    /// <summary>
    /// Finds the last line of <paramref name="stream"/> (trailing line breaks and blank lines aside) by reading its
    /// last 64 KiB at most; the stream is put back where it was.
    /// </summary>
    /// <returns>
    /// The offset where the last line starts and its text; (-1, <see langword="null"/>) when that line starts at the
    /// current position (nothing precedes it) or is longer than 64 KiB.
    /// </returns>
    internal static (long Start, string? Text) LastLine(Stream stream, Encoding encoding)
    {
        var unit = encoding is UnicodeEncoding ? 2 : 1;
        var bigEndian = encoding.CodePage == 1201;
        var dataStart = stream.Position;
        var size = (int)Math.Min(64 * 1024, stream.Length - dataStart);
        size -= size % unit;
        var blockStart = stream.Length - size;
        var block = new byte[size];
        try
        {
            stream.Position = blockStart;
            stream.ReadExactly(block);
        }
        finally
        {
            stream.Position = dataStart;
        }

        int Code(int at) => unit == 1 ? block[at] : bigEndian ? (block[at] << 8) | block[at + 1] : block[at] | (block[at + 1] << 8);

        var end = size;
        while (end >= unit && Code(end - unit) is '\r' or '\n' or ' ' or '\t')
        {
            end -= unit;
        }

        var start = end;
        while (start >= unit && Code(start - unit) is not ('\r' or '\n'))
        {
            start -= unit;
        }

        if (start < unit || end == 0)
        {
            return (-1, null);
        }

        return (blockStart + start, encoding.GetString(block, start, end - start));
    }

    /// <summary>
    /// Reads the rest of <paramref name="stream"/> in blocks (it is put back where it was) to tell whether its bytes are
    /// valid UTF-8, stopping at the first invalid sequence.
    /// </summary>
    /// <returns>Whether the bytes are valid UTF-8, and the 1-based line of the first multi-byte character (0 for pure ASCII).</returns>
    internal static (bool Valid, long FirstMultiByteLine) ScanUtf8(Stream stream)
    {
        var start = stream.Position;
        var buffer = new byte[64 * 1024];
        var carried = 0;
        long lineBreaks = 0;
        long firstMultiByteLine = 0;
        try
        {
            int read;
            while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
            {
                var block = buffer.AsSpan(0, carried + read);
                var complete = block[..CompleteLength(block)];
                if (!Utf8.IsValid(complete))
                {
                    return (false, 0);
                }

                if (firstMultiByteLine == 0)
                {
                    var nonAscii = complete.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                    if (nonAscii >= 0)
                    {
                        firstMultiByteLine = lineBreaks + complete[..nonAscii].Count((byte)'\n') + 1;
                    }
                    else
                    {
                        lineBreaks += complete.Count((byte)'\n');
                    }
                }

                carried = block.Length - complete.Length;
                block[complete.Length..].CopyTo(buffer);
            }

            // A sequence cut by the end of the file is not valid UTF-8.
            return (carried == 0, firstMultiByteLine);
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>Gets the length of <paramref name="block"/> without a multi-byte sequence that its end cuts short (at most 3 bytes).</summary>
    private static int CompleteLength(ReadOnlySpan<byte> block)
    {
        for (var back = 1; back <= 3 && back <= block.Length; back++)
        {
            var value = block[^back];
            if ((value & 0xC0) != 0x80)
            {
                var length = value < 0xC0 ? 1 : value < 0xE0 ? 2 : value < 0xF0 ? 3 : 4;
                return length > back ? block.Length - back : block.Length;
            }
        }

        return block.Length;
    }

    private static int ReadUnits(Stream stream, byte[] buffer, int unit)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
            if (total % unit == 0)
            {
                break;
            }
        }

        return total;
    }

    private static Encoding? DetectBom(Stream stream)
    {
        Span<byte> bom = stackalloc byte[3];
        var start = stream.Position;
        var read = stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        if (read >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        {
            stream.Position = start + 3;
            return new UTF8Encoding(false);
        }

        if (read >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
        {
            stream.Position = start + 2;
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
        }

        if (read >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
        {
            stream.Position = start + 2;
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
        }

        stream.Position = start;
        return null;
    }
}

/// <summary>A read-only view of the first bytes of a seekable stream (the file without its trailer row); disposing it disposes the stream.</summary>
internal sealed class BoundedStream(Stream inner, long length) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = length - inner.Position;
        return left <= 0 ? 0 : inner.Read(left < buffer.Length ? buffer[..(int)left] : buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var left = length - inner.Position;
        return left <= 0 ? ValueTask.FromResult(0) : inner.ReadAsync(left < buffer.Length ? buffer[..(int)left] : buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => origin == SeekOrigin.End
        ? inner.Seek(length + offset, SeekOrigin.Begin)
        : inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
