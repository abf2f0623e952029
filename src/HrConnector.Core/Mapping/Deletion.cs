namespace HrConnector.Mapping;

/// <summary>A row of a changes file that deletes a resource.</summary>
/// <param name="Key">The primary key of the resource to delete.</param>
/// <param name="Line">The 1-based physical line of the row.</param>
public sealed record Deletion(string Key, long Line);
