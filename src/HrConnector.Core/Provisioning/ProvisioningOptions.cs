namespace HrConnector.Provisioning;

/// <summary>Where provisioning orders go.</summary>
public enum ProvisioningTarget
{
    /// <summary>Orders are executed straight against the <see cref="IIdentityRepository"/>.</summary>
    Repository = 0,

    /// <summary>Orders start the host's workflows through the <see cref="IWorkflowLauncher"/>.</summary>
    Workflows,
}

/// <summary>
/// How HR feeds identities: which entity type, which properties under which <see cref="OwnershipPolicy"/>, how HR
/// records are correlated with identities that exist already, what happens to joiners and leavers, and where orders go.
/// Part of <see cref="HrConnector.ConnectorOptions.Provisioning"/>; validated with the rest of the connector.
/// </summary>
public sealed class ProvisioningOptions
{
    /// <summary>Gets or sets the identifier of the HR entity type whose resources become identities, such as Person.</summary>
    /// <value>Required.</value>
    public string EntityType { get; set; } = string.Empty;

    /// <summary>Gets or sets where orders go.</summary>
    /// <value>The default value is <see cref="ProvisioningTarget.Repository"/>.</value>
    public ProvisioningTarget Target { get; set; } = ProvisioningTarget.Repository;

    /// <summary>Gets the identity properties fed by HR, each with its ownership policy.</summary>
    public IList<IdentityPropertyOptions> Properties { get; } = [];

    /// <summary>Gets the correlation rules, tried in order, that link an HR record to an identity that exists already.</summary>
    /// <value>The default value is empty: every HR record without a linked identity creates one.</value>
    public IList<CorrelationRuleOptions> Correlation { get; } = [];

    /// <summary>Gets what happens to joiners, leavers and rehires.</summary>
    public LifecycleOptions Lifecycle { get; } = new();

    /// <summary>Gets or sets which HR records get an identity: conditions on their properties; a linked record that leaves the scope is a leaver.</summary>
    /// <value>The default value is <see langword="null"/>: every record of <see cref="EntityType"/>.</value>
    public ScopeOptions? Scope { get; set; }

    /// <summary>Gets the workflow started for each kind of order when <see cref="Target"/> is <see cref="ProvisioningTarget.Workflows"/>.</summary>
    public WorkflowOptions Workflows { get; } = new();

    /// <summary>Gets or sets the number of failed orders after which a run stops dispatching; the orders not dispatched wait for the next run.</summary>
    /// <value>The default value is 10; 0 means no limit.</value>
    public int MaxErrors { get; set; } = ProvisioningDefaults.MaxErrors;

    /// <summary>Gets how transient failures of the repository or of the workflow launcher are retried.</summary>
    public RetryOptions Retry { get; } = new();

    /// <summary>Gets or sets how long one call to the host (a repository write or read, a workflow start, find or status) may take; a call still running then is abandoned and its order is in doubt.</summary>
    /// <value>The default value is 1 minute; at most 1 day.</value>
    public TimeSpan Timeout { get; set; } = ProvisioningDefaults.Timeout;

    /// <summary>Gets the largest numbers of orders of each kind one run may issue; above them the run is Blocked and nothing is applied unless forced.</summary>
    public OrderThresholdOptions Thresholds { get; } = new();
}

/// <summary>
/// The largest numbers of provisioning orders of each kind in one run, as a count and as a percentage of the active
/// links, with the same Blocked / force mechanics as the resource thresholds (<see cref="Modeling.ThresholdOptions"/>):
/// the lowest limit wins, 0 turns a limit off, and a limit left <see langword="null"/> is the connector's resource
/// threshold of the same nature (created or linked ← MaxInserted, modified ← MaxUpdated, deactivated and deleted ←
/// MaxDeleted), so that a connector whose thresholds are off has its order thresholds off too. They stop what the
/// resource thresholds cannot see: convergence catching up on many identities at once, and a journal that lost its links
/// (a fresh in-memory journal beside a durable store) creating every identity again. Not checked in
/// <see cref="Synchronization.SynchronizationMode.Initial"/> mode.
/// </summary>
public sealed class OrderThresholdOptions
{
    /// <summary>Gets or sets the largest number of identities created or linked.</summary>
    /// <value>The default value is <see langword="null"/>: the connector's MaxInserted (100 by default); 0 turns the limit off.</value>
    public int? MaxAdded { get; set; }

    /// <summary>Gets or sets the largest number of identities modified.</summary>
    /// <value>The default value is <see langword="null"/>: the connector's MaxUpdated (100 by default); 0 turns the limit off.</value>
    public int? MaxModified { get; set; }

    /// <summary>Gets or sets the largest number of identities deactivated.</summary>
    /// <value>The default value is <see langword="null"/>: the connector's MaxDeleted (100 by default); 0 turns the limit off.</value>
    public int? MaxDeactivated { get; set; }

    /// <summary>Gets or sets the largest number of identities deleted.</summary>
    /// <value>The default value is <see langword="null"/>: the connector's MaxDeleted (100 by default); 0 turns the limit off.</value>
    public int? MaxDeleted { get; set; }

    /// <summary>Gets or sets the largest share of identities created or linked, in percent of the active links (not checked while none is active).</summary>
    /// <value>The default value is <see langword="null"/>: the connector's MaxInsertedPercent (5 by default); 0 turns the limit off.</value>
    public double? MaxAddedPercent { get; set; }

    /// <summary>Gets or sets the largest share of identities modified, in percent of the active links.</summary>
    /// <value>The default value is <see langword="null"/>: the connector's MaxUpdatedPercent (5 by default); 0 turns the limit off.</value>
    public double? MaxModifiedPercent { get; set; }

    /// <summary>Gets or sets the largest share of identities deactivated, in percent of the active links.</summary>
    /// <value>The default value is <see langword="null"/>: the connector's MaxDeletedPercent (5 by default); 0 turns the limit off.</value>
    public double? MaxDeactivatedPercent { get; set; }

    /// <summary>Gets or sets the largest share of identities deleted, in percent of the active links.</summary>
    /// <value>The default value is <see langword="null"/>: the connector's MaxDeletedPercent (5 by default); 0 turns the limit off.</value>
    public double? MaxDeletedPercent { get; set; }
}

/// <summary>One identity property fed by HR.</summary>
public sealed class IdentityPropertyOptions
{
    /// <summary>Gets or sets the identity property, such as Mail.</summary>
    /// <value>Required.</value>
    public string Identity { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the HR property it comes from: a scalar or a navigation property of <see cref="ProvisioningOptions.EntityType"/>,
    /// or, prefixed with the contracts' entity type (such as <c>Contract.Title</c>), a property of the person's current
    /// contract (see <see cref="LifecycleOptions.Contracts"/>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the HR property of the same name as <see cref="Identity"/>.</value>
    public string? Source { get; set; }

    /// <summary>Gets or sets who wins when HR and a hand edit disagree.</summary>
    /// <value>The default value is <see cref="OwnershipPolicy.OnChange"/>; a generated property (<see cref="Generate"/>) must be <see cref="OwnershipPolicy.InitialOnly"/> or <see cref="OwnershipPolicy.OnChange"/>.</value>
    public OwnershipPolicy Policy { get; set; } = OwnershipPolicy.OnChange;

    /// <summary>
    /// Gets or sets how the value is generated (a login, an e-mail address made of the person's names, unique among the
    /// identities and the joiners of the run) instead of copied from <see cref="Source"/>; set when the identity is
    /// created and kept (<see cref="OwnershipPolicy.InitialOnly"/>), or generated again when HR changes a property the
    /// templates read (<see cref="OwnershipPolicy.OnChange"/>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the value is HR's. <see cref="Source"/> is then not used.</value>
    public GeneratedValueOptions? Generate { get; set; }

    /// <summary>
    /// Gets or sets what a navigation property provisioned to this identity property carries: the HR key of the record it
    /// points to, or the identifier of that record's identity (only for a navigation to <see cref="ProvisioningOptions.EntityType"/>,
    /// such as a person's Manager). A reference to a record without an identity yet is left empty, reported, and set by
    /// the first run after that record has one.
    /// </summary>
    /// <value>The default value is <see cref="IdentityReference.HrKey"/>.</value>
    public IdentityReference Reference { get; set; } = IdentityReference.HrKey;
}

/// <summary>What a navigation property provisioned to an identity property carries (<see cref="IdentityPropertyOptions.Reference"/>).</summary>
public enum IdentityReference
{
    /// <summary>The HR key of the record it points to, as HR has it.</summary>
    HrKey = 0,

    /// <summary>The identifier of the identity linked to the record it points to; empty while that record has none.</summary>
    IdentityId,
}

/// <summary>What happens to joiners, leavers and rehires.</summary>
public sealed class LifecycleOptions
{
    /// <summary>Gets or sets what a leaver (a record HR no longer has) does to its identity.</summary>
    /// <value>The default value is <see cref="LeaverAction.Deactivate"/>: identities are never deleted unless so configured.</value>
    public LeaverAction Leavers { get; set; } = LeaverAction.Deactivate;

    /// <summary>Gets or sets the number of days after which a deactivated leaver is deleted.</summary>
    /// <value>The default value is <see langword="null"/>: a deactivated identity is kept. Used with <see cref="LeaverAction.Deactivate"/>.</value>
    public int? DeleteAfterDays { get; set; }

    /// <summary>Gets or sets the HR property (Date or DateTime) holding the start date of a joiner.</summary>
    /// <value>The default value is <see langword="null"/>: joiners are provisioned as soon as HR has them.</value>
    public string? StartDateProperty { get; set; }

    /// <summary>Gets or sets how many days before their start date joiners are provisioned; a future hire further away waits.</summary>
    /// <value>The default value is 7. Used with <see cref="StartDateProperty"/>.</value>
    public int PreStartDays { get; set; } = ProvisioningDefaults.PreStartDays;

    /// <summary>Gets or sets the HR property (Date or DateTime) holding the last day of a person: from the day after it (plus <see cref="GraceDays"/>), the person is a leaver even while HR keeps the row.</summary>
    /// <value>The default value is <see langword="null"/>: a leaver is a record that disappears from HR (or has a status of <see cref="LeftStatuses"/>).</value>
    public string? EndDateProperty { get; set; }

    /// <summary>Gets or sets how many days after the end date the leaver action waits.</summary>
    /// <value>The default value is 0. Used with <see cref="EndDateProperty"/>.</value>
    public int GraceDays { get; set; }

    /// <summary>Gets or sets the HR property holding the status of a person (such as Active, Leave, Terminated).</summary>
    /// <value>The default value is <see langword="null"/>: no status.</value>
    public string? StatusProperty { get; set; }

    /// <summary>Gets the statuses of a leaver (such as Terminated): such a person is treated as if their end date were past.</summary>
    /// <value>The default value is empty. Compared ignoring case.</value>
    public IList<string> LeftStatuses { get; } = [];

    /// <summary>Gets the statuses of a person away for a while (such as Leave): their identity is deactivated, never deleted, and reactivated when the status changes back.</summary>
    /// <value>The default value is empty. Compared ignoring case.</value>
    public IList<string> SuspendedStatuses { get; } = [];

    /// <summary>
    /// Gets or sets the contract rows of a person (several per person, each with its dates): the identity is active
    /// while any contract is active, and identity properties may take their value from the current contract (see
    /// <see cref="IdentityPropertyOptions.Source"/>). The person's own end date and statuses still apply on top.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the lifecycle comes from the person's record alone.</value>
    public ContractOptions? Contracts { get; set; }
}

/// <summary>
/// The contracts of a person: rows of another HR entity type (such as Contract) with a navigation property to the
/// provisioned entity type and their own dates. A contract is active from <see cref="LifecycleOptions.PreStartDays"/>
/// before its start date to <see cref="LifecycleOptions.GraceDays"/> after its end date, unless its status is one of
/// <see cref="LeftStatuses"/>. A person is active while any of their contracts is active; a future hire while all their
/// contracts start beyond the pre-start window; away (deactivated, never deleted) between a contract that ended and
/// one that has not started yet; a leaver when every contract ended, or when they have none. The current contract,
/// whose values identity properties may take, is the active contract that started last (while none has started yet,
/// the one that starts first).
/// </summary>
public sealed class ContractOptions
{
    /// <summary>Gets or sets the identifier of the HR entity type of the contracts, such as Contract.</summary>
    /// <value>Required; another entity type than <see cref="ProvisioningOptions.EntityType"/>.</value>
    public string EntityType { get; set; } = string.Empty;

    /// <summary>Gets or sets the single-valued navigation property of a contract to the person it belongs to (to <see cref="ProvisioningOptions.EntityType"/>).</summary>
    /// <value>Required.</value>
    public string PersonProperty { get; set; } = string.Empty;

    /// <summary>Gets or sets the property (Date or DateTime) of a contract holding its first day; a contract without a value has started.</summary>
    /// <value>Required.</value>
    public string StartDateProperty { get; set; } = string.Empty;

    /// <summary>Gets or sets the property (Date or DateTime) of a contract holding its last day; a contract without a value is open-ended.</summary>
    /// <value>The default value is <see langword="null"/>: contracts end only by a status of <see cref="LeftStatuses"/> or by leaving HR.</value>
    public string? EndDateProperty { get; set; }

    /// <summary>Gets or sets the property (String) of a contract holding its status.</summary>
    /// <value>The default value is <see langword="null"/>: no status.</value>
    public string? StatusProperty { get; set; }

    /// <summary>Gets the statuses of a contract that ended (such as Terminated): such a contract is treated as if its end date were past.</summary>
    /// <value>The default value is empty. Compared ignoring case.</value>
    public IList<string> LeftStatuses { get; } = [];
}

/// <summary>What a leaver does to its identity.</summary>
public enum LeaverAction
{
    /// <summary>The identity is deactivated (and deleted later when <see cref="LifecycleOptions.DeleteAfterDays"/> is set); a rehire reactivates it.</summary>
    Deactivate = 0,

    /// <summary>The identity is deleted at once.</summary>
    Delete,
}

/// <summary>The workflow started for each kind of order (like the InternalWorkflow settings of identity suites).</summary>
public sealed class WorkflowOptions
{
    /// <summary>Gets the workflow of a joiner.</summary>
    public WorkflowDefinitionOptions Added { get; } = new() { Workflow = "HR_Onboarding" };

    /// <summary>Gets the workflow of a mover or of any HR change.</summary>
    public WorkflowDefinitionOptions Modified { get; } = new() { Workflow = "HR_Update" };

    /// <summary>Gets the workflow of a correlated record: links an HR record to an identity that existed before.</summary>
    public WorkflowDefinitionOptions Linked { get; } = new() { Workflow = "HR_Link" };

    /// <summary>Gets the workflow of a leaver deactivated.</summary>
    public WorkflowDefinitionOptions Deactivated { get; } = new() { Workflow = "HR_Offboarding" };

    /// <summary>Gets the workflow of a rehire.</summary>
    public WorkflowDefinitionOptions Reactivated { get; } = new() { Workflow = "HR_Rehire" };

    /// <summary>Gets the workflow of a leaver deleted.</summary>
    public WorkflowDefinitionOptions Deleted { get; } = new() { Workflow = "HR_Delete" };

    /// <summary>Gets the definition for a kind of order.</summary>
    /// <param name="kind">The kind of order.</param>
    /// <returns>The definition.</returns>
    public WorkflowDefinitionOptions For(OrderKind kind) => kind switch
    {
        OrderKind.Added => Added,
        OrderKind.Modified => Modified,
        OrderKind.Linked => Linked,
        OrderKind.Deactivated => Deactivated,
        OrderKind.Reactivated => Reactivated,
        OrderKind.Deleted => Deleted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown order kind."),
    };
}

/// <summary>One workflow and the identity properties it carries.</summary>
public sealed class WorkflowDefinitionOptions
{
    /// <summary>Gets or sets the identifier of the host's workflow.</summary>
    public string Workflow { get; set; } = string.Empty;

    /// <summary>Gets the identity properties the workflow receives; a change to other properties does not start it.</summary>
    /// <value>The default value is empty: every property of the order.</value>
    public IList<string> Properties { get; } = [];
}

/// <summary>How transient failures are retried: exponential backoff from <see cref="Delay"/>, capped at <see cref="MaxDelay"/>.</summary>
public sealed class RetryOptions
{
    /// <summary>Gets or sets the number of attempts of one order in one run, the first included.</summary>
    /// <value>The default value is 3; 1 means no retry.</value>
    public int MaxAttempts { get; set; } = ProvisioningDefaults.MaxAttempts;

    /// <summary>Gets or sets the delay before the first retry; each next retry waits twice as long.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan Delay { get; set; } = ProvisioningDefaults.RetryDelay;

    /// <summary>Gets or sets the longest delay between two attempts.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan MaxDelay { get; set; } = ProvisioningDefaults.MaxRetryDelay;

    /// <summary>Gets or sets how many times an order may fail for good (the host refused it, or its attempts in a run were spent) before it is <see cref="OrderState.Stuck"/>: reported, and issued again only when its inputs change or an operator retries it.</summary>
    /// <value>The default value is 5; at most 1,000.</value>
    public int MaxFailures { get; set; } = ProvisioningDefaults.MaxFailures;
}

/// <summary>The default values of <see cref="ProvisioningOptions"/>.</summary>
internal static class ProvisioningDefaults
{
    /// <summary>The default of <see cref="ProvisioningOptions.MaxErrors"/>: 10 failed orders.</summary>
    public const int MaxErrors = 10;

    /// <summary>The default of <see cref="GeneratedValueOptions.MaxN"/>: 99.</summary>
    public const int MaxGeneratedCounter = 99;

    /// <summary>The default of <see cref="LifecycleOptions.PreStartDays"/>: 7 days.</summary>
    public const int PreStartDays = 7;

    /// <summary>The default of <see cref="RetryOptions.MaxAttempts"/>: 3 attempts.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The default of <see cref="RetryOptions.MaxFailures"/>: 5 failures.</summary>
    public const int MaxFailures = 5;

    /// <summary>The largest day count of <see cref="LifecycleOptions.DeleteAfterDays"/>, <see cref="LifecycleOptions.PreStartDays"/> and <see cref="LifecycleOptions.GraceDays"/>: 36,500 days (100 years).</summary>
    public const int MaxDays = 36_500;

    /// <summary>Gets the default of <see cref="ProvisioningOptions.Timeout"/>: 1 minute.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets the longest <see cref="ProvisioningOptions.Timeout"/>, <see cref="RetryOptions.Delay"/> and <see cref="RetryOptions.MaxDelay"/>: 1 day.</summary>
    public static TimeSpan MaxDuration { get; } = TimeSpan.FromDays(1);

    /// <summary>Gets the default of <see cref="RetryOptions.Delay"/>: 2 seconds.</summary>
    public static TimeSpan RetryDelay { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the default of <see cref="RetryOptions.MaxDelay"/>: 1 minute.</summary>
    public static TimeSpan MaxRetryDelay { get; } = TimeSpan.FromMinutes(1);
}
