namespace HrConnector.Sqlite.Tests;

/// <summary>A folder of its own for each test's database files, removed at the end.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hrconnector-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temp folder is cleaned later.
        }
    }
}

/// <summary>Opens databases in a temp folder and disposes them with the test.</summary>
public sealed class Databases : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<SqliteDatabase> _open = [];

    public string Folder => _folder.Path;

    public string NewPath(string name = "hr.db") => _folder.File(name);

    public SqliteDatabase Open(string? path = null)
    {
        var database = SqliteDatabase.Open(path ?? NewPath());
        _open.Add(database);
        return database;
    }

    public void Dispose()
    {
        foreach (var database in _open)
        {
            database.Dispose();
        }

        _folder.Dispose();
    }
}
