using System.Reflection;
using HrConnector.Jobs;
using HrConnector.Provisioning;
using Microsoft.Extensions.Logging;

namespace HrConnector.Tests.Diagnostics;

/// <summary>
/// The log events are declared by the feature that raises them (<see cref="JobLog"/>, <see cref="ProvisioningLog"/>)
/// but share one id space: a host's log filters and alerts key on the ids, so none may be reused.
/// </summary>
[Trait("Category", "Architecture")]
public sealed class LogEventIdTests
{
    private static readonly Type[] Declarers = [typeof(JobLog), typeof(ProvisioningLog)];

    [Fact]
    public void EventIds_AreUniqueAcrossTheFeatures_AndNamed()
    {
        var events = Declarers
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .ToList();

        Assert.All(Declarers, t => Assert.Contains(events, e => e.Method.DeclaringType == t));
        var reused = events.GroupBy(e => e.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method.Name))}").ToList();
        Assert.True(reused.Count == 0, "Event ids used twice: " + string.Join("; ", reused));
        Assert.All(events, e => Assert.True(e.Attribute!.EventId > 0, $"{e.Method.Name} has no event id."));
    }
}
