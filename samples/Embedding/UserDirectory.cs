namespace Embedding;

/// <summary>The host product's own user table: the thing HR feeds. Stands for a database, a directory or an API.</summary>
public sealed class UserDirectory
{
    private readonly Dictionary<int, User> _users = [];

    public object Sync { get; } = new();

    public IReadOnlyCollection<User> Users => _users.Values;

    public User? Find(int id) => _users.GetValueOrDefault(id);

    public User Add(User user)
    {
        user.Id = _users.Count + 1;
        _users.Add(user.Id, user);
        return user;
    }

    public void Remove(int id) => _users.Remove(id);
}

/// <summary>A user of the host product.</summary>
public sealed class User
{
    public int Id { get; set; }

    public string? GivenName { get; set; }

    public string? Surname { get; set; }

    public string? Email { get; set; }

    public string? JobTitle { get; set; }

    public string? Team { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The provisioning order that created the user: makes a replayed creation find it instead of creating a second one.</summary>
    public string? CreatedBy { get; set; }
}
