using Microsoft.Extensions.Options;
using HrConnector.Modeling;

namespace HrConnector;

/// <summary>
/// Validates <see cref="ConnectorOptions"/> for Microsoft.Extensions.Options, so that a host can check a connector
/// declared in configuration at start-up: <c>services.AddOptions&lt;ConnectorOptions&gt;().Bind(section).ValidateOnStart()</c>
/// with this validator registered as <see cref="IValidateOptions{TOptions}"/>. Failures are the same sentences as
/// <see cref="ConnectorValidationException.Errors"/>.
/// </summary>
public sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Connector.Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
