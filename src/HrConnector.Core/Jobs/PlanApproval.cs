using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HrConnector.Mapping;
using HrConnector.Provisioning;
using HrConnector.Synchronization;
using HrConnector.Modeling;

namespace HrConnector.Jobs;

/// <summary>
/// A person's approval of a reviewed plan (<see cref="JobRequest.Approval"/>; <c>hrconnector sync --plan plan.json</c>):
/// the run applies exactly that plan, Blocked or not, or fails if the store, the files, the definition or what the run
/// would do changed since the review. Kept in the run's history.
/// </summary>
public sealed record PlanApproval
{
    /// <summary>Creates an approval.</summary>
    /// <param name="basis">The basis of the reviewed plan (<see cref="JobResult.Basis"/> of the preview, or <see cref="PlanBasis.FromPlanJson"/>).</param>
    /// <param name="approvedBy">Who approved it (a user name, given by the host).</param>
    /// <param name="approvedAt">When.</param>
    public PlanApproval(PlanBasis basis, string approvedBy, DateTimeOffset approvedAt)
    {
        Basis = basis;
        ApprovedBy = approvedBy;
        ApprovedAt = approvedAt;
    }

    /// <summary>Gets the basis of the reviewed plan (<see cref="JobResult.Basis"/> of the preview, or <see cref="PlanBasis.FromPlanJson"/>).</summary>
    public PlanBasis Basis { get; init; }

    /// <summary>Who approved it (a user name, given by the host).</summary>
    public string ApprovedBy { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset ApprovedAt { get; init; }
}

/// <summary>Computes the parts of a <see cref="PlanBasis"/> and compares an approved one with the run's.</summary>
internal static class PlanBases
{
    /// <summary>The SHA-256 of each file read (files only: in-memory text has no path to hash).</summary>
    public static List<PlanInput> Inputs(IEnumerable<MappingResult> snapshot, CancellationToken cancellationToken)
    {
        var inputs = new List<PlanInput>();
        foreach (var read in snapshot)
        {
            if (!Path.IsPathFullyQualified(read.File) || !File.Exists(read.File))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var stream = new FileStream(read.File, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                inputs.Add(new PlanInput(read.EntityType.Identifier, read.File, Hex(SHA256.HashData(stream))));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new Csv.CsvFileException(read.File, Csv.CsvFileError.Unreadable, 0, [$"the file cannot be read again to hash it: {exception.GetType().Name}."], innerException: exception);
            }
        }

        return inputs;
    }

    /// <summary>A hash of what the run does: resource changes (keys and new content) and orders (their ids name their content).</summary>
    public static string Digest(SyncPlan plan, IEnumerable<ProvisioningOrder> orders, IEnumerable<string> cancelled)
    {
        var hash = new XxHash128();
        var number = new byte[8];
        void Text(string text)
        {
            hash.Append(Encoding.UTF8.GetBytes(text));
            hash.Append([0]);
        }

        void Number(ulong value)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(number, value);
            hash.Append(number);
        }

        Text(plan.Mode.ToString());
        foreach (var entityType in plan.EntityTypes)
        {
            Text(entityType.EntityType.Identifier);
            foreach (var (tag, changes) in new[] { ("+", entityType.Inserts), ("~", entityType.Updates), ("-", entityType.Deletes) })
            {
                Text(tag);
                foreach (var change in changes)
                {
                    Text(change.Key);
                    Number(change.NewResource?.ContentHash ?? 0);
                }
            }
        }

        Text("orders");
        foreach (var id in orders.Select(o => o.Id).Order(StringComparer.Ordinal))
        {
            Text(id);
        }

        Text("cancelled");
        foreach (var id in cancelled.Order(StringComparer.Ordinal))
        {
            Text(id);
        }

        return Hex(hash.GetCurrentHash());
    }

    /// <summary>Lower-case hexadecimal.</summary>
    internal static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>The first difference between an approved basis and the run's, said for the reviewer; <see langword="null"/> when they match.</summary>
    public static string? Difference(PlanBasis approved, PlanBasis now)
    {
        if (approved.Definition != now.Definition)
        {
            return "The connector definition changed since the plan was reviewed. Preview again and review the new plan.";
        }

        foreach (var input in approved.Inputs)
        {
            var current = now.Inputs.FirstOrDefault(i => i.EntityType == input.EntityType);
            if (current is null || current.File != input.File)
            {
                return $"{input.EntityType}: the run read '{current?.File ?? "no file"}', not the reviewed file '{input.File}'. Preview again and review the new plan.";
            }

            if (current.Sha256 != input.Sha256)
            {
                return $"{input.EntityType}: {input.File} changed since the plan was reviewed (its SHA-256 differs). Preview again and review the new plan.";
            }
        }

        if (approved.BaseRunId != now.BaseRunId)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The resource store changed since the plan was reviewed: it holds run {now.BaseRunId ?? "(none)"}, the plan was computed against {approved.BaseRunId ?? "an empty store"}. Preview again and review the new plan.");
        }

        return approved.Digest != now.Digest
            ? "What the run would do differs from the reviewed plan, though its files and store did not change: identities, links or orders changed since the review (a workflow finished, a correlation decision). Preview again and review the new plan."
            : null;
    }
}
