using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace HrConnector.Csv;

// Structurally broken records: what CsvHelper reported malformed or what a recovered record hides (bad quoting, wrong
// field count), turned into rejects that name line, column and the key when it can be read, and the lines a never
// closed quote swallowed.
internal sealed partial class CsvRecordReader
{
    private bool IsSound()
    {
        var line = Line;
        if (_reader.FieldCount != Headers.Count)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"the row has {_reader.FieldCount} fields but the header has {Headers.Count}; is a delimiter ('{_connection.Delimiter}') missing, extra, or inside an unquoted value?");
            _sink.Add(line, null, RejectReason.FieldCountMismatch, detail, KeyIndex < _reader.FieldCount ? TryGetKey() : null);
            return false;
        }

        var raw = _reader.RawRecord;
        if (_inputIsUtf8 ? !Utf8.IsValid(raw) : raw.IndexOf(ReplacementCharacter) >= 0)
        {
            for (var i = 0; i < _reader.FieldCount; i++)
            {
                var field = _reader.GetSpan(i);
                if (_inputIsUtf8 ? !Utf8.IsValid(field) : field.IndexOf(ReplacementCharacter) >= 0)
                {
                    _sink.Add(line, Headers[i], RejectReason.InvalidEncoding, $"the value holds bytes that are not valid {_encoding.WebName}; is the encoding of the connection right?", ValidKey());
                }
            }

            return false;
        }

        if (_connection.MaxFieldLength > 0)
        {
            var tooLong = false;
            for (var i = 0; i < _reader.FieldCount; i++)
            {
                var field = _reader.GetSpan(i);
                if (field.Length > _connection.MaxFieldLength && Encoding.UTF8.GetCharCount(field) > _connection.MaxFieldLength)
                {
                    _sink.Add(line, Headers[i], RejectReason.FieldTooLong, string.Create(CultureInfo.InvariantCulture, $"the value has {Encoding.UTF8.GetCharCount(field)} characters, more than the {_connection.MaxFieldLength} allowed (MaxFieldLength)."), TryGetKey());
                    tooLong = true;
                }
            }

            return !tooLong;
        }

        return true;
    }

    private void RejectMalformed()
    {
        while (_malformed.TryDequeue(out var record))
        {
            if (!record.Skipped)
            {
                // Recovered (Literal): the reader returns this record now; AcceptRecovered decides.
                _recovered = record;
                continue;
            }

            var line = record.LineNumber + _lineOffset;
            LastRecordLine = line;
            _sink.RowCount++;
            var (key, field) = ReadKeyBeforeProblem(record.RawRecord);
            RejectQuoting(line, record.Reason, field, key, record.Reason == CsvMalformedReason.UnterminatedQuote ? CountLineBreaks(record.RawRecord) : 0);
        }
    }

    /// <summary>
    /// Decides on the current record, which the reader recovered from bad quoting (<see cref="QuoteInUnquotedValueHandling.Literal"/>):
    /// quotes inside unquoted values are text; any other quoting problem rejects the record.
    /// </summary>
    /// <returns>Whether the record may be read.</returns>
    private bool AcceptRecovered()
    {
        var recovered = _recovered!.Value;
        if (recovered.LineNumber > _reader.LineNumber)
        {
            // Reported ahead of its record: kept for it.
            return true;
        }

        _recovered = null;
        if (recovered.LineNumber < _reader.LineNumber)
        {
            return true;
        }

        var (reason, field) = FindQuotingProblem();
        if (reason is not { } problem)
        {
            return true;
        }

        var key = KeyIndex >= 0 && KeyIndex < field ? ValidKey() : null;
        RejectQuoting(Line, problem, field, key, problem == CsvMalformedReason.UnterminatedQuote ? CountLineBreaks(_reader.RawRecord) : 0);
        return false;
    }

    /// <summary>
    /// Finds the first quoted field of the current record that breaks the rules: text after its closing quote, or no
    /// closing quote at all. Quotes inside unquoted fields are not problems here. Called for recovered records only.
    /// </summary>
    private (CsvMalformedReason? Reason, int Field) FindQuotingProblem()
    {
        var spaces = _connection.SpacesAroundQuotes;
        for (var i = 0; i < _reader.FieldCount; i++)
        {
            var raw = _reader.GetRawSpan(i);
            if (spaces)
            {
                raw = raw.TrimStart(" \t"u8);
            }

            if (raw.IsEmpty || raw[0] != _quote)
            {
                continue;
            }

            var rest = raw[1..];
            while (true)
            {
                var next = rest.IndexOf(_quote);
                if (next < 0)
                {
                    return (CsvMalformedReason.UnterminatedQuote, i);
                }

                if (next + 1 < rest.Length && rest[next + 1] == _quote)
                {
                    rest = rest[(next + 2)..];
                    continue;
                }

                rest = rest[(next + 1)..];
                break;
            }

            if (!(spaces ? rest.Trim(" \t"u8) : rest).IsEmpty)
            {
                return (CsvMalformedReason.TextAfterClosingQuote, i);
            }
        }

        return (null, -1);
    }

    /// <summary>Rejects a record that breaks the quoting rules, naming its key when it could be read before the problem.</summary>
    private void RejectQuoting(long line, CsvMalformedReason reason, int field, string? key, long lineBreaks)
    {
        if (reason == CsvMalformedReason.UnterminatedQuote)
        {
            IsTruncated = true;
            var lastLine = line + lineBreaks;
            SwallowedLines = (line, lastLine);
            var column = field >= 0 && field < Headers.Count ? $" (column '{Headers[field]}')" : string.Empty;
            var detail = lastLine > line
                ? string.Create(CultureInfo.InvariantCulture, $"a quoted field{column} opened on this line is never closed, so the record swallowed lines {line} to {lastLine} (the end of the file): none of them could be read; the file is incomplete.")
                : $"a quoted field{column} opened on this line is never closed, and the file ends on this line: the line could not be read; the file is incomplete.";
            _sink.Add(line, null, RejectReason.UnterminatedQuote, detail, key);
            return;
        }

        var what = reason switch
        {
            CsvMalformedReason.StrayQuote => $"a quote ({_connection.Quote}) inside an unquoted value",
            CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a value",
            _ => "a quoting problem",
        };
        _sink.Add(line, null, RejectReason.MalformedRow, $"the row breaks the quoting rules: {what}. Quote the whole value and double the quotes inside it.", key);
    }

    /// <summary>
    /// Reads the fields of a record that the reader skipped as malformed, as far as the key field: the key when that
    /// field and those before it follow the quoting rules (it precedes the problem), and the field where the problem is.
    /// </summary>
    private (string? Key, int ProblemField) ReadKeyBeforeProblem(string raw)
    {
        var quote = _connection.Quote;
        var delimiter = _connection.Delimiter;
        var spaces = _connection.SpacesAroundQuotes;
        var pos = 0;
        string? key = null;
        for (var field = 0; ; field++)
        {
            var start = pos;
            if (spaces)
            {
                while (start < raw.Length && raw[start] is ' ' or '\t')
                {
                    start++;
                }
            }

            string value;
            var quoted = start < raw.Length && raw[start] == quote;
            if (quoted)
            {
                var text = new StringBuilder();
                var i = start + 1;
                while (true)
                {
                    var next = raw.IndexOf(quote, i);
                    if (next < 0)
                    {
                        return (key, field);
                    }

                    text.Append(raw, i, next - i);
                    if (next + 1 < raw.Length && raw[next + 1] == quote)
                    {
                        text.Append(quote);
                        i = next + 2;
                        continue;
                    }

                    i = next + 1;
                    break;
                }

                while (spaces && i < raw.Length && raw[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < raw.Length && raw[i] != delimiter && raw[i] is not '\r' and not '\n')
                {
                    return (key, field);
                }

                value = text.ToString();
                pos = i;
            }
            else
            {
                var end = raw.AsSpan(pos).IndexOfAny(delimiter, '\r', '\n');
                end = end < 0 ? raw.Length : pos + end;
                if (raw.AsSpan(pos, end - pos).Contains(quote))
                {
                    return (key, field);
                }

                value = raw[pos..end];
                pos = end;
            }

            if (field == KeyIndex)
            {
                key = CleanKey(value, quoted);
            }

            if (pos >= raw.Length || raw[pos] != delimiter)
            {
                return (key, -1);
            }

            pos++;
        }
    }

    /// <summary>Trims a key read from a raw record as <see cref="GetField"/> trims fields; <see langword="null"/> when empty or not valid text.</summary>
    private string? CleanKey(string value, bool quoted)
    {
        if (value.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<byte> span = Encoding.UTF8.GetBytes(value);
        if (_trimWhitespace && !quoted)
        {
            span = span.Trim(" \t"u8);
        }

        span = _trimTokens.Length == 0 ? span : TrimTokens(span, _trimTokens, _trimWhitespace);
        return span.IsEmpty ? null : Encoding.UTF8.GetString(span);
    }

    private static long CountLineBreaks(ReadOnlySpan<byte> text)
    {
        text = text.TrimEnd("\r\n"u8);
        long count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    private static long CountLineBreaks(string text)
    {
        text = text.TrimEnd('\r', '\n');
        long count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }
}
