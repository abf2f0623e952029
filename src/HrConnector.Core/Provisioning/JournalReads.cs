namespace HrConnector.Provisioning;

/// <summary>What the job, the dispatcher and the report read from a journal, read one way.</summary>
internal static class JournalReads
{
    /// <summary>The links of one HR entity type, by resource key.</summary>
    public static async Task<Dictionary<string, IdentityLink>> LinksAsync(IProvisioningJournal journal, string connector, string entityType, CancellationToken cancellationToken)
    {
        var links = new Dictionary<string, IdentityLink>(StringComparer.Ordinal);
        await foreach (var link in journal.ReadLinksAsync(connector, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(link.EntityType, entityType, StringComparison.OrdinalIgnoreCase))
            {
                links[link.ResourceKey] = link;
            }
        }

        return links;
    }

    /// <summary>The open entries and the executed ones waiting for verification, oldest first.</summary>
    public static async Task<List<JournalEntry>> OpenEntriesAsync(IProvisioningJournal journal, string connector, CancellationToken cancellationToken)
    {
        var entries = new List<JournalEntry>();
        await foreach (var entry in journal.ReadAsync(connector, openOnly: true, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(entry);
        }

        return entries;
    }
}
