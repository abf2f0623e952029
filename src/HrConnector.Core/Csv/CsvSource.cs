using System.Text;

namespace HrConnector.Csv;

/// <summary>
/// Prepares the bytes of an HR file for the CSV reader: detects a byte order mark (which wins over the configured
/// encoding and never reaches the first header) and skips the lines before the header, so that line numbers of the
/// reader can be shifted back to physical lines of the file.
/// </summary>
internal static class CsvSource
{
    /// <summary>Positions <paramref name="stream"/> after the BOM and the skipped lines.</summary>
    /// <returns>The encoding of the content, and whether fewer lines than asked could be skipped.</returns>
    public static (Encoding Encoding, bool EndedEarly) Prepare(Stream stream, Encoding configured, int linesToSkip)
    {
        var encoding = DetectBom(stream) ?? configured;
        if (linesToSkip == 0)
        {
            return (encoding, false);
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
        return (encoding, skipped < linesToSkip);
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
