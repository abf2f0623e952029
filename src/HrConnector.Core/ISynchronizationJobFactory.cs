namespace HrConnector;

/// <summary>Creates the <see cref="SynchronizationJob"/> of a connector registered with <c>AddHrConnector</c>, on the registered infrastructure.</summary>
public interface ISynchronizationJobFactory
{
    /// <summary>Gets the names of the registered connectors, in registration order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Creates the job of a connector.</summary>
    /// <param name="name">The name it was registered with (compared ignoring case).</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException">No connector has this name.</exception>
    /// <exception cref="Modeling.ConnectorValidationException">The connector's options are not valid.</exception>
    SynchronizationJob Create(string name);
}
