namespace HrConnector.Sqlite.Tests;

/// <summary>Opens databases in a temp folder and disposes them with the test.</summary>
public sealed class Databases : IDisposable
{
    private readonly TempFolder _folder = new("hrconnector-sqlite-tests-");
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
