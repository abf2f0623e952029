using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;
using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Synchronization;
using Xunit.Abstractions;
using static HrConnector.Tests.Synchronization.SyncTestKit;

namespace HrConnector.Tests.Csv;

/// <summary>
/// Fuzz test of the whole job on bad HR files: after a good day, random mutations of the valid people file (bytes
/// flipped, quotes, delimiters and line breaks inserted, lines duplicated, other encodings, a byte order mark added or
/// dropped, line endings changed, the file cut anywhere; one to three of them) are read through the job. The job never
/// throws, a failed run names the file and commits nothing, a rejected row never changes what the store holds for its
/// key, a file cut inside a record is never committed (nor, with a marker file, one cut at a record boundary), and
/// reading a few-KB file never allocates more than <see cref="MaxReadAllocation"/>.
/// </summary>
/// <remarks>
/// The cases are drawn from a fixed seed (<see cref="Seed"/>): case <c>i</c> is generated from
/// <c>new PCG(i, Seed)</c>, so every CI run checks the same <see cref="Cases"/> cases. A failure names the case's
/// CsCheck seed and shrinks it with <c>Gen.SampleAsync</c> from that seed.
/// </remarks>
[Trait("Category", "InputSafety")]
public sealed class BadInputFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 5_000;

    private const ulong Seed = 0x48_52_46_75_7A_7A_30_31; // "HRFuzz01"

    private const int PeopleCount = 50;

    /// <summary>
    /// The most a read of the mutated people file (about 4 KB) may allocate. A read allocates about 1 MB whatever the
    /// file (mostly the 1 MiB chunk of payloads, then the record reader's buffers and row tables sized for 1,024 rows):
    /// 16 MB leaves room for every reject and for a mutation that doubles the file, and is still far below what a
    /// parser that buffered without limit (an unterminated quote up to the 16 MiB record limit, a quadratic re-scan)
    /// would take.
    /// </summary>
    private const long MaxReadAllocation = 16L * 1024 * 1024;

    private const string PeopleHeader = "EmployeeId,FirstName,LastName,Title,DepartmentCode,ManagerId,BirthDate,Fte,HireDate";

    private const string DepartmentsFile = "Code,Name,ParentCode\nDIR,Direction générale,\nENG,Ingénierie,DIR\nFIN,Finance & contrôle,DIR\nRH,Ressources humaines,DIR\nVTE,Ventes,DIR\n";

    private static readonly string[] FirstNames = ["Zoé", "Hélène", "Jürgen", "François", "Chloë", "Søren", "Agnès", "José", "Noël", "Åsa", "Björn", "Renée", "Mathis", "Inès", "Anaïs", "Jérôme", "Çelik", "Maëlle", "Ørjan", "Léa"];

    private static readonly string[] LastNames = ["Dupont", "Müller", "Lefèvre", "García", "Søndergaard", "Østergård", "Nuñez", "Brontë", "O'Brien", "Château", "D'Aubigné", "Straße", "Ångström", "Martin", "Bœuf"];

    private static readonly string[] Titles = ["Engineer", "\"Director, Sales\"", "\"Lead \"\"Ops\"\"\"", "\"Head of\nPayroll\"", "", "Comptable", "Chargée de recrutement", "\"Analyste; données\""];

    private static readonly string[] DepartmentCodes = ["DIR", "ENG", "FIN", "RH", "VTE"];

    /// <summary>The data records of the good people file, without their line breaks (one title holds a line break).</summary>
    private static readonly string[] GoodRecords = [.. Enumerable.Range(1, PeopleCount).Select(Record)];

    private static readonly Gen<Mutation> Flips = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte[1, 255], (at, mask) => (Mutation)new Flip(at, mask));

    private static readonly Gen<Mutation> Inserts = Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOfConst('"', ',', '\r', '\n', '\t', ';'), (at, c) => (Mutation)new Insert(at, c));

    private static readonly Gen<Mutation> Duplicates = Gen.Int[0, 120].Select(line => (Mutation)new Duplicate(line));

    private static readonly Gen<Mutation> Reencodes = Gen.Enum<FileEncoding>().Select(e => (Mutation)new Reencode(e));

    /// <summary>A cut anywhere, or a few bytes around the end of a line (where record boundaries are).</summary>
    private static readonly Gen<Mutation> Cuts = Gen.Frequency(
        (1, Gen.Int[0, int.MaxValue].Select(at => (Mutation)new Cut(at))),
        (1, Gen.Select(Gen.Int[0, 120], Gen.Int[-3, 3], (line, delta) => (Mutation)new CutNearLine(line, delta))));

    private static readonly Gen<Mutation> AnyMutation = Gen.Frequency(
        (3, Flips),
        (3, Inserts),
        (2, Duplicates),
        (2, Reencodes),
        (1, Gen.Const((Mutation)new CrLf())),
        (3, Cuts));

    /// <summary>A cut, alone or after a change of encoding or line endings: the cases the cut oracle judges exactly.</summary>
    private static readonly Gen<Mutation[]> PureCuts = Gen.Select(
        Reencodes.Array[0, 1],
        Gen.Bool,
        Cuts,
        (encoding, crlf, cut) => (Mutation[])[.. encoding, .. crlf ? [new CrLf()] : Array.Empty<Mutation>(), cut]);

    private static readonly Gen<FuzzCase> AllCases = Gen.Select(
        Gen.Bool,
        Gen.Frequency((2, PureCuts), (3, AnyMutation.Array[1, 3])),
        (auto, mutations) => new FuzzCase(auto, mutations));

    private enum FileEncoding
    {
        Utf8Bom,
        Windows1252,
        Utf16LeBom,
        Utf16BeBom,
        Utf16LeNoBom,
        Utf8DoubleBom,
    }

    /// <summary>What a cut left of the file, as the cut oracle judges it.</summary>
    private enum CutKind
    {
        /// <summary>The cut is inside the header, inside a record or inside a character: the read must fail.</summary>
        Malformed,

        /// <summary>The cut is at a record boundary before the last record: a legitimate smaller file, unless a marker says otherwise.</summary>
        Boundary,

        /// <summary>Only (part of) the final line break is gone: the file is complete.</summary>
        Complete,
    }

    [Fact]
    public async Task Run_RandomMutationsOfAGoodFile_NeverThrowNeverCommitACutFileAndStayBounded()
    {
        var stopwatch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var workers = Math.Max(2, Environment.ProcessorCount);
        var beds = new Bed[workers];
        for (var w = 0; w < workers; w++)
        {
            beds[w] = await Bed.CreateAsync();
        }

        try
        {
            var failure = (FuzzFailure?)null;
            var stats = new Stats();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                for (var i = w; i < Cases && Volatile.Read(ref failure) is null; i += workers)
                {
                    var pcg = new PCG((uint)i, Seed);
                    var caseSeed = pcg.ToString();
                    var fuzzCase = AllCases.Generate(pcg, null, out _);
                    try
                    {
                        await CheckAsync(beds[w], fuzzCase, stats);
                    }
                    catch (Exception exception)
                    {
                        Interlocked.CompareExchange(ref failure, new FuzzFailure(i, caseSeed, fuzzCase, exception), null);
                    }
                }
            })));

            if (failure is { } found)
            {
                // Shrink from the failing case's seed (CsCheck keeps looking for a smaller failing case).
                string shrunk;
                try
                {
                    await AllCases.SampleAsync(c => CheckAsync(beds[0], c, new Stats()), seed: found.CaseSeed, iter: 300, threads: 1, print: c => c.ToString());
                    shrunk = "(did not fail again while shrinking)";
                }
                catch (Exception exception)
                {
                    shrunk = exception.Message;
                }

                Assert.Fail($"Case {found.Index} (CsCheck seed \"{found.CaseSeed}\") failed: {found.Case}\n{found.Exception}\n\nShrunk:\n{shrunk}");
            }

            // The oracles were exercised: cuts of each kind, failed and committed runs.
            Assert.True(stats.Malformed > 300 && stats.Boundary > 100 && stats.Complete > 0 && stats.Failed > 1_000 && stats.Committed > 1_000, stats.ToString());
            output.WriteLine($"{Cases} cases in {stopwatch.Elapsed.TotalSeconds:0.0} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s of CPU) on {workers} workers: {stats}");
        }
        finally
        {
            foreach (var bed in beds)
            {
                bed.Dispose();
            }
        }
    }

    [Fact]
    public async Task Run_FileCutJustAfterALineBreakInsideAQuotedValue_CommitsNothing()
    {
        // Shrunk from the fuzz: the file ends with a line break, so no cut last record is looked for, but the quoted
        // title is never closed. The run is blocked (the file is incomplete: its deletions are held back), or fails.
        using var bed = await Bed.CreateAsync();
        var good = Encoding.UTF8.GetString(Apply([]).Bytes);
        bed.WritePeople(Encoding.UTF8.GetBytes(good[..(good.LastIndexOf("Head of\n", StringComparison.Ordinal) + "Head of\n".Length)]));

        var (result, store) = await RunAsync(bed, bed.Utf8.Plain);
        var (marked, markedStore) = await RunAsync(bed, bed.Utf8.Marker);

        Assert.True(result.Status is JobStatus.Blocked or JobStatus.Failed, result.Status.ToString());
        Assert.Equal(bed.GoodState, await DescribeAsync(store, "Department", "Person"));
        Assert.Equal(JobStatus.Failed, marked.Status);
        Assert.True(marked.Messages.Any(m => m.Contains("people.csv.done", StringComparison.Ordinal)), string.Join(" | ", marked.Messages));
        Assert.Equal(bed.GoodState, await DescribeAsync(markedStore, "Department", "Person"));
    }

    /// <summary>Runs one case through the job (and again with the marker file for a pure cut) and checks every oracle.</summary>
    private static async Task CheckAsync(Bed bed, FuzzCase fuzzCase, Stats stats)
    {
        var (bytes, cut) = Apply(fuzzCase.Mutations);
        bed.WritePeople(bytes);
        var connectors = fuzzCase.Auto ? bed.Auto : bed.Utf8;

        // Bounded memory: the read of the mutated file, on this thread (the job reads on the thread pool).
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            connectors.Plain.Read("Person");
        }
        catch (HrConnectorException)
        {
            // A file that cannot be read as a whole: the job turns it into a failed run, checked below.
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < MaxReadAllocation, $"Reading {bytes.Length} bytes allocated {allocated} bytes (bound {MaxReadAllocation}).");
        stats.Allocated(allocated);

        var (result, store) = await RunAsync(bed, connectors.Plain);
        if (await CheckRunAsync(bed, result, store))
        {
            Interlocked.Increment(ref stats.Committed);
        }
        else
        {
            Interlocked.Increment(ref stats.Failed);
        }

        if (cut is not { } kind)
        {
            return;
        }

        // A cut inside the header, a record or a character is never committed: the run fails (the cut last record,
        // the header, the reject limits) or, when the cut leaves a quoted value open after a line break inside it,
        // is blocked (the file is incomplete: its deletions are held back).
        stats.Count(kind);
        if (kind == CutKind.Malformed)
        {
            Assert.True(result.Status is JobStatus.Failed or JobStatus.Blocked, $"A file cut inside a record ended {result.Status}: {string.Join(" | ", result.Messages)}");
            Assert.Equal(bed.GoodState, await DescribeAsync(store, "Department", "Person"));
        }
        else if (kind == CutKind.Complete)
        {
            Assert.Equal(bed.GoodContent, await ContentAsync(store, "Person"));
        }

        // With the marker file announcing the good file's record count, a cut file is never committed, wherever it
        // was cut; a complete file (only its final line break gone) may be, with the same content.
        var (marked, markedStore) = await RunAsync(bed, connectors.Marker);
        await CheckRunAsync(bed, marked, markedStore);
        if (kind == CutKind.Complete)
        {
            Assert.Equal(bed.GoodContent, await ContentAsync(markedStore, "Person"));
        }
        else
        {
            Assert.True(marked.Status == JobStatus.Failed, $"A cut file with a marker file ended {marked.Status}, not Failed: {string.Join(" | ", marked.Messages)}");
            Assert.Equal(bed.GoodState, await DescribeAsync(markedStore, "Department", "Person"));
        }
    }

    /// <summary>
    /// One run of the job over the good day's store: the bed's working copy, renewed after a run that committed (a
    /// run that did not commit is checked to have left it as it was).
    /// </summary>
    private static async Task<(JobResult Result, InMemoryResourceStore Store)> RunAsync(Bed bed, Connector connector)
    {
        var store = await bed.TakeStoreAsync();
        var job = new SynchronizationJob(connector, store, runLock: bed.RunLock);
        JobResult result;
        try
        {
            result = await job.RunAsync(new JobRequest());
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"The job threw instead of returning a result: {exception.GetType().Name}: {exception.Message}", exception);
        }

        return (result, store);
    }

    /// <summary>The oracles of every run; returns whether the run committed.</summary>
    private static async Task<bool> CheckRunAsync(Bed bed, JobResult result, InMemoryResourceStore store)
    {
        // Every message says something, every reject names its file and line.
        Assert.All(result.Messages, m => Assert.False(string.IsNullOrWhiteSpace(m)));
        Assert.All(result.Rejects, r => Assert.True(
            r.File == "people.csv" && r.Message.Contains(string.Create(CultureInfo.InvariantCulture, $"people.csv:{r.Line}"), StringComparison.Ordinal),
            $"The reject '{r.Message}' does not name people.csv:{r.Line}."));
        if (result.Status is JobStatus.Failed or JobStatus.Blocked)
        {
            // Nothing committed. A failed run names the file in its reason; a blocked run (deletions held back by a
            // safety rule) names the entity type, and its rejects name the file and the lines.
            Assert.NotEmpty(result.Messages);
            var named = result.Status == JobStatus.Failed
                ? result.Messages.Any(m => m.Contains("people.csv", StringComparison.Ordinal))
                : result.Messages.All(m => m.StartsWith("Person: ", StringComparison.Ordinal));
            Assert.True(named, $"The messages of the {result.Status} run do not name the file: {string.Join(" | ", result.Messages)}");
            Assert.Equal(bed.GoodState, await DescribeAsync(store, "Department", "Person"));
            bed.GiveBack(store);
            return false;
        }

        // A rejected row never changes what the store holds for its key: kept as it was, or still absent.
        var after = await ContentAsync(store, "Person");
        foreach (var reject in result.Rejects.Where(r => r.EntityType == "Person" && r.Key is not null))
        {
            Assert.True(
                bed.GoodContent.GetValueOrDefault(reject.Key!) == after.GetValueOrDefault(reject.Key!),
                $"The rejected row of key '{reject.Key}' (line {reject.Line}, {reject.Reason}) changed the store.");
        }

        Assert.Equal(bed.GoodDepartments, await ContentAsync(store, "Department"));
        return true;
    }

    /// <summary>
    /// Applies the mutations in a fixed order: line endings, then the text mutations in their order, the encoding, the
    /// flipped bytes, and the cuts. For a pure cut (nothing but an encoding, line endings and cuts), also says what the
    /// cut left of the file, from where the header and the records are in the encoded bytes.
    /// </summary>
    private static (byte[] Bytes, CutKind? Cut) Apply(Mutation[] mutations)
    {
        var eol = mutations.OfType<CrLf>().Any() ? "\r\n" : "\n";
        var text = new StringBuilder(PeopleHeader).Append(eol);
        foreach (var record in GoodRecords)
        {
            text.Append(record).Append(eol);
        }

        foreach (var mutation in mutations)
        {
            switch (mutation)
            {
                case Insert insert:
                    text.Insert(insert.At % (text.Length + 1), insert.Char);
                    break;
                case Duplicate duplicate:
                    var lines = text.ToString().Split('\n');
                    var index = duplicate.Line % lines.Length;
                    var line = index == lines.Length - 1 ? lines[index] : lines[index] + "\n";
                    var start = lines.Take(index).Sum(l => l.Length + 1);
                    text.Insert(start + line.Length, line);
                    break;
            }
        }

        var fileEncoding = mutations.OfType<Reencode>().LastOrDefault()?.Encoding;
        var (encoding, preamble) = Encoder(fileEncoding);
        var content = text.ToString();
        var bytes = (byte[])[.. preamble, .. encoding.GetBytes(content)];
        foreach (var flip in mutations.OfType<Flip>())
        {
            if (bytes.Length > 0)
            {
                bytes[flip.At % bytes.Length] ^= flip.Mask;
            }
        }

        var length = bytes.Length;
        foreach (var mutation in mutations)
        {
            if (mutation is Cut cut)
            {
                length = length == 0 ? 0 : cut.At % length;
            }
            else if (mutation is CutNearLine near)
            {
                var lines = content.Split('\n');
                var end = Math.Min(lines.Take((near.Line % lines.Length) + 1).Sum(l => l.Length + 1), content.Length);
                length = Math.Clamp(preamble.Length + encoding.GetByteCount(content.AsSpan(0, end)) + near.Delta, 0, length);
            }
        }

        var isPureCut = mutations.Any(m => m is Cut or CutNearLine) && mutations.All(m => m is Cut or CutNearLine or Reencode or CrLf);
        return (bytes[..length], isPureCut ? Classify(length, encoding, preamble.Length, eol, fileEncoding) : null);
    }

    /// <summary>What a cut at <paramref name="cut"/> bytes left of the good file written with this encoding and line break.</summary>
    private static CutKind Classify(int cut, Encoding encoding, int preamble, string eol, FileEncoding? fileEncoding)
    {
        var unit = fileEncoding is FileEncoding.Utf16LeBom or FileEncoding.Utf16BeBom or FileEncoding.Utf16LeNoBom ? 2 : 1;
        int Offset(int chars, string text) => preamble + encoding.GetByteCount(text.AsSpan(0, chars));

        // Where each line (the header, then every record) ends and where its line break ends, in bytes.
        var text = new StringBuilder(PeopleHeader);
        var ends = new List<(int End, int BreakEnd)>();
        foreach (var record in GoodRecords.Prepend(null))
        {
            if (record is not null)
            {
                text.Append(record);
            }

            var end = text.Length;
            text.Append(eol);
            var full = text.ToString();
            ends.Add((Offset(end, full), Offset(text.Length, full)));
        }

        // A cut anywhere from the end of a line to the end of its line break, on a character boundary, leaves whole
        // records: the last one complete, or every one before it. Anywhere else the last line is cut inside: the
        // header (missing columns), a record (fewer fields, an open quote, a date that no longer converts or is
        // missing: the layout puts a required yyyy-MM-dd date last, so no prefix of a record is a sound record) or a
        // character (half a UTF-16 code unit).
        for (var line = 0; line < ends.Count; line++)
        {
            var (end, breakEnd) = ends[line];
            if (cut >= end && cut <= breakEnd && (cut - preamble) % unit == 0)
            {
                return line == ends.Count - 1 ? CutKind.Complete : CutKind.Boundary;
            }
        }

        return CutKind.Malformed;
    }

    private static (Encoding Encoding, byte[] Preamble) Encoder(FileEncoding? encoding) => encoding switch
    {
        null => (new UTF8Encoding(false), []),
        FileEncoding.Utf8Bom => (new UTF8Encoding(false), [0xEF, 0xBB, 0xBF]),
        FileEncoding.Utf8DoubleBom => (new UTF8Encoding(false), [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]),
        FileEncoding.Windows1252 => (CodePagesEncodingProvider.Instance.GetEncoding(1252)!, []),
        FileEncoding.Utf16LeBom => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), [0xFF, 0xFE]),
        FileEncoding.Utf16BeBom => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), [0xFE, 0xFF]),
        FileEncoding.Utf16LeNoBom => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), []),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    /// <summary>Person n: names with diacritics, a title (quoted with a delimiter, doubled quotes or a line break), a department, a manager, dates.</summary>
    private static string Record(int n)
    {
        var manager = n == 1 ? string.Empty : n <= 5 ? "P0001" : "P" + ((n % 4) + 2).ToString("0000", CultureInfo.InvariantCulture);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"P{n:0000},{FirstNames[n % FirstNames.Length]},{LastNames[n * 7 % LastNames.Length]},{Titles[n % Titles.Length]},{DepartmentCodes[n % DepartmentCodes.Length]},{manager},{(n % 28) + 1:00}/{(n % 12) + 1:00}/{1960 + (n % 40)},{(n % 3 == 0 ? "0.8" : "1.0")},{2000 + (n % 25)}-{(n * 7 % 12) + 1:00}-{(n * 3 % 28) + 1:00}");
    }

    /// <summary>The fuzz connector: the required HireDate (yyyy-MM-dd) is the last column of the people file.</summary>
    private static Connector BuildConnector(string folder, string encoding, bool marker)
    {
        var builder = new ConnectorBuilder("HR")
            .EntityType("Department", e => e
                .Property("Name", isRequired: true)
                .Navigation("Parent", "Department"))
            .EntityType("Person", e => e
                .Property("FirstName")
                .Property("LastName", isRequired: true)
                .Property("Title")
                .Property("BirthDate", PropertyType.Date, isSensitive: true)
                .Property("Fte", PropertyType.Decimal)
                .Property("HireDate", PropertyType.Date, isRequired: true)
                .Navigation("Manager", "Person")
                .Navigation("Department", "Department"))
            .CsvConnection("departments", c => c.Path = "departments.csv")
            .CsvConnection("people", c =>
            {
                c.Path = "people.csv";
                c.Encoding = encoding;
                c.MarkerFile = marker ? "{name}.done" : null;
            })
            .Map("Department", "departments", "Code", m => m.Column("Name", "Name").Column("Parent", "ParentCode"))
            .Map("Person", "people", "EmployeeId", m => m
                .Column("FirstName", "FirstName")
                .Column("LastName", "LastName")
                .Column("Title", "Title")
                .Date("BirthDate", "BirthDate", "dd/MM/yyyy")
                .Column("Fte", "Fte")
                .Date("HireDate", "HireDate", "yyyy-MM-dd")
                .Column("Manager", "ManagerId")
                .Column("Department", "DepartmentCode"))
            .BaseDirectory(folder);

        // Thresholds off: only the read's own safety (cut records, reject limits, the marker) stands between a bad
        // file and the store.
        Off(builder.Options.Thresholds);
        return builder.Build();
    }

    private abstract record Mutation;

    /// <summary>Flips the bits of <see cref="Mask"/> in the byte at <see cref="At"/> (modulo the length).</summary>
    private sealed record Flip(int At, byte Mask) : Mutation;

    /// <summary>Inserts a character at <see cref="At"/> (modulo the length) of the text.</summary>
    private sealed record Insert(int At, char Char) : Mutation
    {
        public override string ToString() => $"Insert {{ At = {At}, Char = U+{(int)Char:X4} }}";
    }

    /// <summary>Duplicates a physical line of the text (modulo the count of lines).</summary>
    private sealed record Duplicate(int Line) : Mutation;

    /// <summary>Writes the file in another encoding, or with a byte order mark added or dropped.</summary>
    private sealed record Reencode(FileEncoding Encoding) : Mutation;

    /// <summary>Ends the lines with CR LF (the line break inside a quoted title stays LF).</summary>
    private sealed record CrLf : Mutation;

    /// <summary>Keeps only the first <see cref="At"/> bytes (modulo the length): the file was cut while it was written.</summary>
    private sealed record Cut(int At) : Mutation;

    /// <summary>Keeps the bytes up to the end of a physical line of the text (modulo the count of lines), moved by <see cref="Delta"/> bytes.</summary>
    private sealed record CutNearLine(int Line, int Delta) : Mutation;

    private sealed record FuzzCase(bool Auto, Mutation[] Mutations)
    {
        public override string ToString() => $"Encoding {(Auto ? "auto" : "utf-8")}: {string.Join(", ", Mutations.Select(m => m.ToString()))}";
    }

    private sealed record FuzzFailure(int Index, string CaseSeed, FuzzCase Case, Exception Exception);

    private sealed class Stats
    {
        public int Committed;
        public int Failed;
        public int Malformed;
        public int Boundary;
        public int Complete;
        public long MaxAllocated;
        public long TotalAllocated;
        public long Reads;

        public void Count(CutKind kind)
        {
            switch (kind)
            {
                case CutKind.Malformed: Interlocked.Increment(ref Malformed); break;
                case CutKind.Boundary: Interlocked.Increment(ref Boundary); break;
                default: Interlocked.Increment(ref Complete); break;
            }
        }

        public void Allocated(long bytes)
        {
            lock (this)
            {
                (MaxAllocated, TotalAllocated, Reads) = (Math.Max(MaxAllocated, bytes), TotalAllocated + bytes, Reads + 1);
            }
        }

        public override string ToString() => $"reads allocated {TotalAllocated / Math.Max(Reads, 1) / 1024} KB on average, {MaxAllocated / 1024} KB at most; {Committed} runs committed, {Failed} failed; pure cuts: {Malformed} inside a line, {Boundary} at a record boundary, {Complete} complete";
    }

    private sealed record ConnectorPair(Connector Plain, Connector Marker);

    /// <summary>One worker's folder, connectors and good day's store.</summary>
    private sealed class Bed : IDisposable
    {
        private Bed(string folder) => Folder = folder;

        public string Folder { get; }

        public string PeoplePath => Path.Combine(Folder, "people.csv");

        public ConnectorPair Utf8 { get; private set; } = null!;

        public ConnectorPair Auto { get; private set; } = null!;

        public InMemoryResourceStore GoodStore { get; private set; } = null!;

        public string GoodState { get; private set; } = string.Empty;

        public SortedDictionary<string, ulong> GoodContent { get; private set; } = null!;

        public SortedDictionary<string, ulong> GoodDepartments { get; private set; } = null!;

        public InMemoryConnectorRunLock RunLock { get; } = new();

        private InMemoryResourceStore? Store { get; set; }

        /// <summary>
        /// Writes the people file as a new file, without preallocation: truncating a file that has blocks (which
        /// <see cref="File.WriteAllBytes(string, byte[])"/> preallocates) costs milliseconds on some file systems (ext4
        /// flushes it, or discards the blocks); a new file whose blocks are not allocated yet costs microseconds.
        /// </summary>
        public void WritePeople(byte[] bytes)
        {
            File.Delete(PeoplePath);
            using var stream = new FileStream(PeoplePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            stream.Write(bytes);
        }

        /// <summary>A store in the good day's state: the one given back, or a new copy.</summary>
        public async Task<InMemoryResourceStore> TakeStoreAsync()
        {
            var store = Store ?? await CloneAsync(GoodStore, "Department", "Person");
            Store = null;
            return store;
        }

        /// <summary>Gives back a store checked to be in the good day's state.</summary>
        public void GiveBack(InMemoryResourceStore store) => Store = store;

        public static async Task<Bed> CreateAsync()
        {
            var bed = new Bed(Directory.CreateTempSubdirectory("hrconnector-fuzz-").FullName);
            File.WriteAllText(Path.Combine(bed.Folder, "departments.csv"), DepartmentsFile, new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(bed.Folder, "people.csv.done"), PeopleCount.ToString(CultureInfo.InvariantCulture));
            bed.WritePeople(Apply([]).Bytes);
            bed.Utf8 = new ConnectorPair(BuildConnector(bed.Folder, "utf-8", marker: false), BuildConnector(bed.Folder, "utf-8", marker: true));
            bed.Auto = new ConnectorPair(BuildConnector(bed.Folder, "auto", marker: false), BuildConnector(bed.Folder, "auto", marker: true));

            // The good day: everything committed, nothing rejected.
            bed.GoodStore = new InMemoryResourceStore();
            var first = await new SynchronizationJob(bed.Utf8.Plain, bed.GoodStore, runLock: bed.RunLock).RunAsync(new JobRequest());
            Assert.True(first.Status == JobStatus.Succeeded, string.Join(" | ", first.Messages));
            bed.GoodState = await DescribeAsync(bed.GoodStore, "Department", "Person");
            bed.GoodContent = await ContentAsync(bed.GoodStore, "Person");
            bed.GoodDepartments = await ContentAsync(bed.GoodStore, "Department");
            Assert.Equal(PeopleCount, bed.GoodContent.Count);

            // The good file again, with a marker, in either encoding setting: nothing changes.
            foreach (var connector in new[] { bed.Utf8.Marker, bed.Auto.Plain, bed.Auto.Marker })
            {
                var store = await CloneAsync(bed.GoodStore, "Department", "Person");
                var again = await new SynchronizationJob(connector, store, runLock: bed.RunLock).RunAsync(new JobRequest());
                Assert.True(again.Status == JobStatus.Succeeded, string.Join(" | ", again.Messages));
                Assert.Equal(bed.GoodContent, await ContentAsync(store, "Person"));
            }

            return bed;
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
