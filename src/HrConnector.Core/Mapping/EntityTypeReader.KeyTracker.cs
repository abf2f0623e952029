using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HrConnector.Csv;
using HrConnector.Modeling;

namespace HrConnector.Mapping;

// Duplicate keys: every key seen in the file, and what a second occurrence does.
internal sealed partial class EntityTypeReader
{
    /// <summary>Tracks primary keys: a key on several rows rejects all of them, since none can be trusted.</summary>
    private sealed class KeyTracker(ResourceRows rows)
    {
        private const byte Standing = 0;
        private const byte RejectedRow = 1;
        private const byte Duplicated = 2;
        private const byte Removed = 3;

        // What each key of the table is, by key number; the line of its row is in the rows.
        private byte[] _states = new byte[1024];
        private bool _allStanding = true;
        private Dictionary<int, List<(long Line, bool AlreadyRejected)>>? _duplicates;

        /// <summary>Notes a row that is a resource so far; returns whether it may stand (its key is new).</summary>
        public bool Add(ReadOnlySpan<byte> key, int storedIndex, long line, ReadOnlyMemory<byte> payload, int navigationStart, ulong sourceHash)
        {
            var entry = rows.AddKey(key, storedIndex, out var added);
            if (added)
            {
                SetState(entry, Standing);
                rows.Set(entry, payload, line, navigationStart, sourceHash);
                return true;
            }

            Repeat(entry, line, rejected: false);
            return false;
        }

        /// <summary>Notes a rejected row whose key could be read.</summary>
        /// <returns><see langword="false"/>: the row never stands as a resource.</returns>
        public bool AddRejected(ReadOnlySpan<byte> key, int storedIndex, long line)
        {
            var entry = rows.AddKey(key, storedIndex, out var added);
            if (added)
            {
                SetState(entry, RejectedRow);
                rows.Set(entry, default, line, -1, 0);
            }
            else
            {
                Repeat(entry, line, rejected: true);
            }

            return false;
        }

        public bool IsResource(int entry) => _states[entry] == Standing;

        public void Remove(int entry) => SetState(entry, Removed);

        public void Seal()
        {
            if (_allStanding)
            {
                rows.Seal(null);
                return;
            }

            var isResource = new bool[rows.EntryCount];
            for (var i = 0; i < isResource.Length; i++)
            {
                isResource[i] = _states[i] == Standing;
            }

            rows.Seal(isResource);
        }

        public void RejectDuplicates(RejectSink sink, string keyColumn)
        {
            if (_duplicates is null)
            {
                return;
            }

            var rejects = new List<(long Line, string Key, string Others)>();
            foreach (var (entry, lines) in _duplicates)
            {
                var key = rows.KeyStringOfEntry(entry);
                foreach (var (line, alreadyRejected) in lines)
                {
                    if (!alreadyRejected)
                    {
                        var others = string.Join(", ", lines.Where(l => l.Line != line).Select(l => l.Line.ToString(CultureInfo.InvariantCulture)));
                        rejects.Add((line, key, others));
                    }
                }
            }

            foreach (var (line, key, others) in rejects.OrderBy(r => r.Line))
            {
                sink.Add(line, keyColumn, RejectReason.DuplicateKey, $"the primary key is also on line(s) {others}; every row with this key is rejected.", key);
            }
        }

        /// <summary>A key seen again: every row that carries it is rejected.</summary>
        private void Repeat(int entry, long line, bool rejected)
        {
            _duplicates ??= [];
            if (_states[entry] == Duplicated)
            {
                _duplicates[entry].Add((line, rejected));
                return;
            }

            _duplicates[entry] = [(rows.LineOfEntry(entry), _states[entry] == RejectedRow), (line, rejected)];
            SetState(entry, Duplicated);
        }

        private void SetState(int entry, byte state)
        {
            if (entry >= _states.Length)
            {
                Array.Resize(ref _states, Math.Max(entry + 1, _states.Length * 2));
            }

            _states[entry] = state;
            _allStanding &= state == Standing;
        }
    }
}
