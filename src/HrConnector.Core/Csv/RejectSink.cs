using System.Globalization;
using HrConnector.Csv;

namespace HrConnector.Csv;

/// <summary>Collects the rejects of one read, counts rows, and stops the read when a reject limit is exceeded.</summary>
internal sealed class RejectSink
{
    private readonly List<Reject> _rejects = [];
    private readonly int _maxRejects;
    private readonly double _maxRejectPercent;
    private long _lastRejectedLine = -1;

    public RejectSink(string entityType, string file, string fileName, CsvConnection connection, ReadOptions options, bool enforceLimits)
    {
        EntityType = entityType;
        File = file;
        FileName = fileName;
        Options = options;
        _maxRejects = enforceLimits ? connection.MaxRejects : 0;
        _maxRejectPercent = enforceLimits ? connection.MaxRejectPercent : 0;
    }

    public string EntityType { get; }

    /// <summary>Gets the full path (or in-memory name) of the file, for file-level errors.</summary>
    public string File { get; }

    /// <summary>Gets the file name, for rejects.</summary>
    public string FileName { get; }

    public ReadOptions Options { get; }

    public IReadOnlyList<Reject> Rejects => _rejects;

    public long RowCount { get; set; }

    public long RejectedRowCount { get; private set; }

    /// <summary>Adds a reject; the first reject of a line also counts its row as rejected.</summary>
    public void Add(long line, string? column, RejectReason reason, string detail, string? key = null, string? value = null)
    {
        var where = column is null
            ? $"{FileName}:{line.ToString(CultureInfo.InvariantCulture)}"
            : $"{FileName}:{line.ToString(CultureInfo.InvariantCulture)}: column '{column}'";
        _rejects.Add(new Reject(EntityType, FileName, line, column, reason, $"{where}: {detail}", key, value));
        if (line != _lastRejectedLine)
        {
            _lastRejectedLine = line;
            RejectedRowCount++;
            if (_maxRejects > 0 && RejectedRowCount > _maxRejects)
            {
                throw new CsvFileException(File, CsvFileError.RejectLimitExceeded, line, [$"more than {_maxRejects.ToString(CultureInfo.InvariantCulture)} rows were rejected (MaxRejects); the read stopped. First reject: {_rejects[0].Message}"], [.. _rejects]);
            }
        }
    }

    /// <summary>Checks the share of rejected rows once every row is read.</summary>
    public void CheckShare()
    {
        if (_maxRejectPercent <= 0 || RowCount == 0)
        {
            return;
        }

        var percent = 100.0 * RejectedRowCount / RowCount;
        if (percent > _maxRejectPercent)
        {
            throw new CsvFileException(File, CsvFileError.RejectLimitExceeded, 0, [string.Create(CultureInfo.InvariantCulture, $"{RejectedRowCount} of {RowCount} rows ({percent:0.##}%) were rejected, more than the {_maxRejectPercent}% allowed (MaxRejectPercent). First reject: {_rejects[0].Message}")], [.. _rejects]);
        }
    }
}
