namespace HrConnector.Csv;

/// <summary>Why a row of an HR file could not become a resource.</summary>
public enum RejectReason
{
    /// <summary>The primary key column is empty.</summary>
    EmptyKey = 0,

    /// <summary>Several rows carry the same primary key: every one of them is rejected, since none can be trusted.</summary>
    DuplicateKey,

    /// <summary>A value could not be converted to the type of its property (a bad date, a number that is not one).</summary>
    InvalidValue,

    /// <summary>A required property has no value.</summary>
    MissingValue,

    /// <summary>The row breaks the quoting rules (a stray quote, text after a closing quote).</summary>
    MalformedRow,

    /// <summary>A quoted field is never closed: the rest of the file could not be read, so the file is incomplete.</summary>
    UnterminatedQuote,

    /// <summary>The row has more or fewer fields than the header.</summary>
    FieldCountMismatch,

    /// <summary>A field is longer than the connection allows.</summary>
    FieldTooLong,

    /// <summary>The row holds bytes that are not valid in the encoding of the file.</summary>
    InvalidEncoding,

    /// <summary>A reference names a resource that exists nowhere.</summary>
    DanglingReference,

    /// <summary>A row of a changes file contradicts the stored state (an insert of a known key, an update or delete of an unknown one).</summary>
    CommandConflict,
}
