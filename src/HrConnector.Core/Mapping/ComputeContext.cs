namespace HrConnector.Mapping;

/// <summary>
/// What a computed property (<see cref="PropertyMappingOptions.Compute"/>) sees of the row being mapped: the raw
/// columns and the converted values of the column-mapped properties. Valid during the call only.
/// </summary>
public sealed class ComputeContext
{
    private readonly IRowValues _row;

    internal ComputeContext(IRowValues row) => _row = row;

    /// <summary>Gets the primary key of the row.</summary>
    public string Key => _row.Key;

    /// <summary>Gets the text of a column, trimmed as the connection says; <see langword="null"/> when empty.</summary>
    /// <param name="column">The column name, matched as the connection matches headers.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    /// <exception cref="KeyNotFoundException">The file has no such column.</exception>
    public string? GetColumn(string column) => _row.GetColumn(column);

    /// <summary>Gets the converted value of a property mapped from a column (or a default value).</summary>
    /// <param name="property">The identifier of the property.</param>
    /// <returns><see langword="null"/>, a value of the property's CLR type, or a read-only list for a multi-valued property.</returns>
    /// <exception cref="KeyNotFoundException">The entity type has no such property.</exception>
    public object? GetValue(string property) => _row.GetValue(property);

    /// <summary>Gets the converted value of a property as <typeparamref name="T"/>, or the default of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The CLR type of the property.</typeparam>
    /// <param name="property">The identifier of the property.</param>
    /// <returns>The value.</returns>
    public T? Get<T>(string property) => GetValue(property) is { } value ? (T)value : default;
}

/// <summary>The row being mapped, as a computed property sees it.</summary>
internal interface IRowValues
{
    string Key { get; }

    string? GetColumn(string column);

    object? GetValue(string property);
}
