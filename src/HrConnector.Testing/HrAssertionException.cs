namespace HrConnector.Testing;

/// <summary>
/// Thrown by <see cref="MappingAssert"/>, <see cref="PlanAssert"/>, <see cref="JobAssert"/> and <see cref="IdentityAssert"/>
/// when what a connector did is not what the test expected. Any test framework reports it as a failed test. The message
/// names the entity type, key and property at fault; it quotes values only of properties that are not sensitive.
/// </summary>
public sealed class HrAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HrAssertionException()
        : base("An assertion on a connector failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public HrAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The cause.</param>
    public HrAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
