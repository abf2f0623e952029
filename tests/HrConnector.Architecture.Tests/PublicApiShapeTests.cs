using Mono.Cecil;

namespace HrConnector.Architecture.Tests;

/// <summary>
/// The shape of HrConnector.Core's public API, read from the compiled assembly: a public record that may grow is not
/// positional (its members are <c>init</c> properties and its constructor takes today's members, so a new member is
/// a new property, not a breaking constructor). Only the small values that are complete by nature stay positional.
/// </summary>
[Trait("Category", "Architecture")]
public sealed class PublicApiShapeTests
{
    /// <summary>The public records that stay positional, and why each cannot grow.</summary>
    private static readonly HashSet<string> CompletePositionalValues = new(StringComparer.Ordinal)
    {
        "HrConnector.Synchronization.PropertyChange", // a property, its old value, its new value
        "HrConnector.Synchronization.StoredResource", // the store's row: key, payload, source hash (a struct on the hot path)
        "HrConnector.Synchronization.ResourceReference", // entity type, property, key
        "HrConnector.Synchronization.PlanInput", // entity type, file, hash
        "HrConnector.Provisioning.IdentityCriterion", // a property and a value
        "HrConnector.Mapping.Deletion", // a key and its line
        "HrConnector.Jobs.StepTiming", // a step and its duration
        "HrConnector.Modeling.JobProgress", // a step, done, total
    };

    [Fact]
    public void PublicRecords_ThatMayGrow_AreNotPositional()
    {
        using var module = ModuleDefinition.ReadModule(typeof(HrConnector.Connector).Assembly.Location, new ReaderParameters { InMemory = true });

        var records = module.GetTypes().Where(t => t.IsPublic && IsRecord(t)).ToList();
        var positional = records.Where(t => t.Methods.Any(m => m.Name == "Deconstruct")).Select(t => t.FullName).ToList();

        Assert.True(records.Count > 20, $"The assembly was not read as expected: {records.Count} public records.");
        Assert.Empty(positional.Where(name => !CompletePositionalValues.Contains(name)).Order(StringComparer.Ordinal));
        Assert.Empty(CompletePositionalValues.Where(name => !positional.Contains(name)).Order(StringComparer.Ordinal));
    }

    // A record (class or struct) has a compiler-generated EqualityContract or PrintMembers.
    private static bool IsRecord(TypeDefinition type)
        => type.Methods.Any(m => m.Name == "PrintMembers") || type.Properties.Any(p => p.Name == "EqualityContract");
}
