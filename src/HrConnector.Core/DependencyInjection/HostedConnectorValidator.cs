using HrConnector.Jobs;
using HrConnector.Modeling;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HrConnector.DependencyInjection;

/// <summary>
/// The validator <c>AddHrConnector</c> registers: the model (<see cref="ConnectorOptionsValidator"/>), then, for the
/// connectors registered by name, what only the host can get wrong: relative paths of a section whose file is unknown,
/// and a host identity repository or workflow launcher on the in-memory resource store or journal.
/// </summary>
internal sealed class HostedConnectorValidator : IValidateOptions<ConnectorOptions>
{
    private readonly IServiceProvider _services;
    private readonly HashSet<string> _names;

    public HostedConnectorValidator(IServiceProvider services, IEnumerable<HrConnectorRegistration> registrations)
    {
        _services = services;
        _names = new HashSet<string>(registrations.Select(r => r.Name), StringComparer.Ordinal);
    }

    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Connector.Validate(options).ToList();
        if (errors.Count == 0 && name is not null && _names.Contains(name))
        {
            errors.AddRange(RelativePaths(options));
            if (errors.Count == 0 && Infrastructure(name, options) is { } infrastructure)
            {
                errors.Add(infrastructure);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Relative paths that nothing resolves: never against the working directory, which a service does not choose.</summary>
    private static IEnumerable<string> RelativePaths(ConnectorOptions options)
    {
        if (options.UnresolvedConfigurationSection is not { } section || (options.BaseDirectory is { } baseDirectory && Path.IsPathFullyQualified(baseDirectory)))
        {
            yield break;
        }

        var where = section.Length == 0 ? "the configuration" : $"the configuration section '{section}'";
        if (options.BaseDirectory is { } relative)
        {
            yield return $"BaseDirectory is the relative path '{relative}', and {where} does not come from one configuration file whose folder it could be relative to (it comes from memory, environment variables or a stream). Set an absolute BaseDirectory; relative paths are never resolved against the working directory.";
            yield break;
        }

        foreach (var connection in options.Connections)
        {
            var path = string.IsNullOrWhiteSpace(connection.Path) ? connection.Directory : connection.Path;
            if (!string.IsNullOrWhiteSpace(path) && !Path.IsPathFullyQualified(path))
            {
                yield return $"The connection '{connection.Identifier}' has the relative path '{path}', and {where} does not come from one configuration file whose folder it could be relative to (it comes from memory, environment variables or a stream). Set BaseDirectory to an absolute folder, or give absolute paths; relative paths are never resolved against the working directory.";
            }
        }
    }

    /// <summary>A host identity repository or workflow launcher on an in-memory store or journal: identities created again after every restart.</summary>
    private string? Infrastructure(string name, ConnectorOptions options)
    {
        if (options.Provisioning is null || _services.GetService<InMemoryDefaults>() is not null)
        {
            return null;
        }

        var memoryStore = _services.GetService<IResourceStore>() is InMemoryResourceStore;
        var memoryJournal = _services.GetService<IProvisioningJournal>() is InMemoryProvisioningJournal;
        if (!memoryStore && !memoryJournal)
        {
            return null;
        }

        var host = _services.GetService<IIdentityRepository>() is { } repository and not InMemoryIdentityRepository
            ? $"the identity repository is the host's ({repository.GetType().Name})"
            : _services.GetService<IWorkflowLauncher>() is { } launcher and not RepositoryWorkflowLauncher
                ? $"the workflow launcher is the host's ({launcher.GetType().Name})"
                : null;
        if (host is null)
        {
            return null;
        }

        var memory = (memoryStore, memoryJournal) switch
        {
            (true, true) => "the resource store and the provisioning journal are the in-memory defaults: their state is lost at restart, and the next run provisions every HR record again (identities created twice, workflows started again)",
            (true, false) => "the resource store is the in-memory default: its state is lost at restart, and the next run treats every HR record as new",
            _ => "the provisioning journal is the in-memory default: its links are lost at restart, and the next run provisions every HR record again (identities created twice, workflows started again)",
        };
        return $"HrConnector '{name}': {host}, but {memory}. Register a persistent IResourceStore and IProvisioningJournal (for example services.AddHrConnectorSqlite(path) from HrConnector.Sqlite), or call services.AddHrConnectorInMemoryDefaults() for tests and samples.";
    }

    /// <summary>The mark of <c>AddHrConnectorInMemoryDefaults</c>: the in-memory infrastructure is meant.</summary>
    internal sealed class InMemoryDefaults;
}
