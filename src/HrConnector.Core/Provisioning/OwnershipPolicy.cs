namespace HrConnector.Provisioning;

/// <summary>
/// Who owns an identity property: whether HR may overwrite a value that was edited by hand. Because changes are
/// detected against HR's own last state (the resource store), not against the identity, a hand edit survives unless
/// HR itself changes the property or the property is <see cref="Authoritative"/>.
/// </summary>
public enum OwnershipPolicy
{
    /// <summary>HR's own changes are propagated: a hand-edited value survives until HR changes that property. The default.</summary>
    OnChange = 0,

    /// <summary>HR always wins: a value that differs from HR's (a hand edit, a failed update) is corrected at every run.</summary>
    Authoritative,

    /// <summary>Set when the identity is created, never changed afterwards.</summary>
    InitialOnly,

    /// <summary>Never written; still shown by the consistency report.</summary>
    Ignored,
}
