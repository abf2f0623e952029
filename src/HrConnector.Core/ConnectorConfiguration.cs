using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using HrConnector.Modeling;

namespace HrConnector;

/// <summary>
/// Declares a connector from configuration: a JSON file, or any <see cref="IConfiguration"/> section (appsettings,
/// environment variables…), bound to <see cref="ConnectorOptions"/> through Microsoft.Extensions.Configuration.
/// </summary>
public static class ConnectorConfiguration
{
    /// <summary>
    /// Binds a configuration section to connector options, without validating the model. Unknown keys and values that
    /// do not convert are errors (the configuration binder would silently ignore them).
    /// </summary>
    /// <param name="section">The section whose keys are those of <see cref="ConnectorOptions"/> (Identifier, EntityTypes, Connections, Mappings).</param>
    /// <returns>The options.</returns>
    /// <exception cref="ConnectorValidationException">A key is unknown or a value does not convert; all are listed.</exception>
    public static ConnectorOptions Bind(IConfiguration section)
    {
        var options = new ConnectorOptions();
        Bind(section, options);
        return options;
    }

    /// <summary>
    /// Binds a configuration section into existing connector options, strictly (see <see cref="Bind(IConfiguration)"/>):
    /// for <c>services.AddOptions&lt;ConnectorOptions&gt;().Configure(o =&gt; ConnectorConfiguration.Bind(section, o))</c>.
    /// </summary>
    /// <param name="section">The section whose keys are those of <see cref="ConnectorOptions"/>.</param>
    /// <param name="options">The options to fill.</param>
    /// <exception cref="ConnectorValidationException">A key is unknown or a value does not convert; all are listed.</exception>
    public static void Bind(IConfiguration section, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var errors = ConfigurationCheck.Check(section);
        if (errors.Count > 0)
        {
            throw new ConnectorValidationException(section[nameof(ConnectorOptions.Identifier)] ?? "(no identifier)", errors);
        }

        section.Bind(options);
    }

    /// <summary>Binds a configuration section and builds the connector.</summary>
    /// <param name="section">The section.</param>
    /// <param name="baseDirectory">The folder that relative file paths are resolved against, unless the section sets BaseDirectory; <see langword="null"/> for the current directory.</param>
    /// <returns>The connector.</returns>
    /// <exception cref="ConnectorValidationException">The declaration has problems; all of them are listed.</exception>
    public static Connector FromConfiguration(IConfiguration section, string? baseDirectory = null)
    {
        var options = Bind(section);
        options.BaseDirectory ??= baseDirectory;
        return Connector.Create(options);
    }

    /// <summary>Reads a JSON file (the keys of <see cref="ConnectorOptions"/> at its root) and builds the connector; relative paths are resolved against the file's folder.</summary>
    /// <param name="path">The path of the JSON file.</param>
    /// <returns>The connector.</returns>
    /// <exception cref="ConnectorValidationException">The declaration has problems; all of them are listed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HrConnectorException">The file is not valid JSON; the message names the file, and the line and column when they are known.</exception>
    public static Connector FromJsonFile(string path)
    {
        var options = ReadJsonFile(path);
        try
        {
            return Connector.Create(options);
        }
        catch (ConnectorValidationException exception)
        {
            throw new ConnectorValidationException($"{exception.Connector} ({Path.GetFileName(path)})", exception.Errors);
        }
    }

    /// <summary>
    /// Reads a JSON file into connector options without validating them, so that code can complete them (a computed
    /// property, a host-specific setting) before <see cref="Connector.Create(ConnectorOptions)"/>.
    /// <see cref="ConnectorOptions.BaseDirectory"/> is resolved against the file's folder.
    /// </summary>
    /// <param name="path">The path of the JSON file.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HrConnectorException">The file is not valid JSON; the message names the file, and the line and column when they are known.</exception>
    public static ConnectorOptions ReadJsonFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The connector configuration '{fullPath}' does not exist.", fullPath);
        }

        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException)
        {
            throw new HrConnectorException(DescribeInvalidJson(fullPath, exception), exception);
        }

        var options = Bind(configuration);
        var folder = Path.GetDirectoryName(fullPath)!;
        options.BaseDirectory = options.BaseDirectory is null ? folder : Path.GetFullPath(options.BaseDirectory, folder);
        return options;
    }

    /// <summary>
    /// Says where the JSON breaks: the configuration provider wraps the <see cref="JsonException"/> that knows the line
    /// and the byte in the line; both are reported 1-based, and the reader's own location suffix is dropped.
    /// </summary>
    private static string DescribeInvalidJson(string fullPath, Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                var reason = json.Message;
                foreach (var suffix in (string[])[" Path: ", " LineNumber: ", " | LineNumber: "])
                {
                    var at = reason.IndexOf(suffix, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        reason = reason[..at];
                    }
                }

                var where = json.LineNumber is { } line
                    ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1}: ")
                    : string.Empty;
                return $"The connector configuration '{fullPath}' is not valid JSON: {where}{reason.Trim()}";
            }
        }

        return $"The connector configuration '{fullPath}' is not valid JSON: {exception.InnerException?.Message ?? exception.Message}";
    }
}
