using System.Globalization;
using HrConnector.Modeling;

namespace HrConnector.Provisioning;

/// <summary>How the conditions of a <see cref="ScopeOptions"/> combine.</summary>
public enum ScopeMatch
{
    /// <summary>A record is in scope when every condition holds.</summary>
    All = 0,

    /// <summary>A record is in scope when at least one condition holds.</summary>
    Any,
}

/// <summary>
/// What a <see cref="ScopeConditionOptions"/> checks of an HR value. Every operator has its exact negation (its
/// <c>Not</c> form, true exactly when the positive form is false, so also on an empty value).
/// </summary>
#pragma warning disable CA1720 // Identifiers should not contain type names: the JSON names of the operators.
public enum ScopeOperator
{
    /// <summary>The value equals <see cref="ScopeConditionOptions.Value"/> (false on an empty value).</summary>
    Equals = 0,

    /// <summary>The value does not equal <see cref="ScopeConditionOptions.Value"/> (true on an empty value).</summary>
    NotEquals,

    /// <summary>The value is one of <see cref="ScopeConditionOptions.Values"/> (false on an empty value).</summary>
    In,

    /// <summary>The value is none of <see cref="ScopeConditionOptions.Values"/> (true on an empty value).</summary>
    NotIn,

    /// <summary>The record has no value (or, for a String, only white space).</summary>
    Empty,

    /// <summary>The record has a value.</summary>
    NotEmpty,

    /// <summary>The date (of a Date or DateTime property) is earlier than today plus <see cref="ScopeConditionOptions.Days"/> (false on an empty value).</summary>
    Before,

    /// <summary>The date is not earlier than today plus <see cref="ScopeConditionOptions.Days"/>, or empty.</summary>
    NotBefore,

    /// <summary>The date (of a Date or DateTime property) is later than today plus <see cref="ScopeConditionOptions.Days"/> (false on an empty value).</summary>
    After,

    /// <summary>The date is not later than today plus <see cref="ScopeConditionOptions.Days"/>, or empty.</summary>
    NotAfter,
}
#pragma warning restore CA1720

/// <summary>
/// Which HR records of <see cref="ProvisioningOptions.EntityType"/> get an identity: conditions on their properties,
/// combined by <see cref="Match"/>. A record out of scope is never provisioned and is no drift of the consistency
/// report; a linked record that leaves the scope is a leaver (<see cref="OrderReason.LeaverOutOfScope"/>, the
/// <see cref="LifecycleOptions.Leavers"/> action); a record that enters it is a joiner (correlated as usual). Those
/// orders count toward <see cref="ProvisioningOptions.Thresholds"/>, so that a mistyped scope blocks the run.
/// </summary>
public sealed class ScopeOptions
{
    /// <summary>Gets or sets how the conditions combine.</summary>
    /// <value>The default value is <see cref="ScopeMatch.All"/>.</value>
    public ScopeMatch Match { get; set; } = ScopeMatch.All;

    /// <summary>Gets the conditions on HR properties.</summary>
    /// <value>Required: at least one.</value>
    public IList<ScopeConditionOptions> Conditions { get; } = [];
}

/// <summary>
/// One condition of a <see cref="ScopeOptions"/> on a single-valued HR property (scalar, or navigation: its key).
/// Values are read as the property's type (invariant culture; dates yyyy-MM-dd); strings compare ordinally, ignoring
/// case and the white space around the HR value.
/// </summary>
public sealed class ScopeConditionOptions
{
    /// <summary>Gets or sets the HR property of <see cref="ProvisioningOptions.EntityType"/>.</summary>
    /// <value>Required.</value>
    public string Property { get; set; } = string.Empty;

    /// <summary>Gets or sets what is checked.</summary>
    /// <value>The default value is <see cref="ScopeOperator.Equals"/>.</value>
    public ScopeOperator Operator { get; set; } = ScopeOperator.Equals;

    /// <summary>Gets or sets the value of <see cref="ScopeOperator.Equals"/> and <see cref="ScopeOperator.NotEquals"/>.</summary>
    /// <value>Required by those operators only.</value>
    public string? Value { get; set; }

    /// <summary>Gets the values of <see cref="ScopeOperator.In"/> and <see cref="ScopeOperator.NotIn"/>.</summary>
    /// <value>Required (at least one) by those operators only.</value>
    public IList<string> Values { get; } = [];

    /// <summary>Gets or sets the days added to today for <see cref="ScopeOperator.Before"/>, <see cref="ScopeOperator.After"/> and their Not forms: 30 is 30 days from now, -30 is 30 days ago.</summary>
    /// <value>The default value is <see langword="null"/>: today. Used by those operators only; between -36,500 and 36,500.</value>
    public int? Days { get; set; }
}

/// <summary>Fills a <see cref="ScopeOptions"/> fluently, for <see cref="ProvisioningBuilder.Scope"/>.</summary>
public sealed class ScopeBuilder
{
    /// <summary>Creates a builder over options.</summary>
    /// <param name="options">The options to fill.</param>
    public ScopeBuilder(ScopeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>Gets the options being filled.</summary>
    public ScopeOptions Options { get; }

    /// <summary>Puts a record in scope when any condition holds, instead of all.</summary>
    /// <returns>This builder.</returns>
    public ScopeBuilder Any()
    {
        Options.Match = ScopeMatch.Any;
        return this;
    }

    /// <summary>Adds a condition: the property equals a value (<see cref="ScopeOperator.Equals"/>).</summary>
    /// <param name="property">The HR property.</param>
    /// <param name="value">The value, in the property's type.</param>
    /// <returns>This builder.</returns>
    public ScopeBuilder Is(string property, string value) => Add(property, ScopeOperator.Equals, value: value);

    /// <summary>Adds a condition: the property does not equal a value (<see cref="ScopeOperator.NotEquals"/>).</summary>
    /// <param name="property">The HR property.</param>
    /// <param name="value">The value, in the property's type.</param>
    /// <returns>This builder.</returns>
    public ScopeBuilder IsNot(string property, string value) => Add(property, ScopeOperator.NotEquals, value: value);

    /// <summary>Adds a condition: the property is one of values (<see cref="ScopeOperator.In"/>).</summary>
    /// <param name="property">The HR property.</param>
    /// <param name="values">The values, in the property's type.</param>
    /// <returns>This builder.</returns>
    public ScopeBuilder In(string property, params string[] values) => Add(property, ScopeOperator.In, values: values);

    /// <summary>Adds a condition: the property is none of values (<see cref="ScopeOperator.NotIn"/>).</summary>
    /// <param name="property">The HR property.</param>
    /// <param name="values">The values, in the property's type.</param>
    /// <returns>This builder.</returns>
    public ScopeBuilder NotIn(string property, params string[] values) => Add(property, ScopeOperator.NotIn, values: values);

    /// <summary>Adds a condition: the property has no value (<see cref="ScopeOperator.Empty"/>).</summary>
    /// <param name="property">The HR property.</param>
    /// <returns>This builder.</returns>
    public ScopeBuilder Empty(string property) => Add(property, ScopeOperator.Empty);

    /// <summary>Adds a condition: the property has a value (<see cref="ScopeOperator.NotEmpty"/>).</summary>
    /// <param name="property">The HR property.</param>
    /// <returns>This builder.</returns>
    public ScopeBuilder NotEmpty(string property) => Add(property, ScopeOperator.NotEmpty);

    /// <summary>Adds a condition: the date is earlier than today plus <paramref name="days"/> (<see cref="ScopeOperator.Before"/>).</summary>
    /// <param name="property">The HR property (Date or DateTime).</param>
    /// <param name="days">The days added to today; negative for days ago.</param>
    /// <returns>This builder.</returns>
    public ScopeBuilder Before(string property, int days = 0) => Add(property, ScopeOperator.Before, days: days);

    /// <summary>Adds a condition: the date is not earlier than today plus <paramref name="days"/>, or empty (<see cref="ScopeOperator.NotBefore"/>).</summary>
    /// <param name="property">The HR property (Date or DateTime).</param>
    /// <param name="days">The days added to today; negative for days ago.</param>
    /// <returns>This builder.</returns>
    public ScopeBuilder NotBefore(string property, int days = 0) => Add(property, ScopeOperator.NotBefore, days: days);

    /// <summary>Adds a condition: the date is later than today plus <paramref name="days"/> (<see cref="ScopeOperator.After"/>).</summary>
    /// <param name="property">The HR property (Date or DateTime).</param>
    /// <param name="days">The days added to today; negative for days ago.</param>
    /// <returns>This builder.</returns>
    public ScopeBuilder After(string property, int days = 0) => Add(property, ScopeOperator.After, days: days);

    /// <summary>Adds a condition: the date is not later than today plus <paramref name="days"/>, or empty (<see cref="ScopeOperator.NotAfter"/>).</summary>
    /// <param name="property">The HR property (Date or DateTime).</param>
    /// <param name="days">The days added to today; negative for days ago.</param>
    /// <returns>This builder.</returns>
    public ScopeBuilder NotAfter(string property, int days = 0) => Add(property, ScopeOperator.NotAfter, days: days);

    private ScopeBuilder Add(string property, ScopeOperator @operator, string? value = null, string[]? values = null, int? days = null)
    {
        var condition = new ScopeConditionOptions { Property = property, Operator = @operator, Value = value, Days = days };
        foreach (var item in values ?? [])
        {
            condition.Values.Add(item);
        }

        Options.Conditions.Add(condition);
        return this;
    }
}

/// <summary>The validated, compiled form of <see cref="ScopeOptions"/>: evaluated once per HR record, decoding only the properties it uses.</summary>
internal sealed class ScopeModel
{
    private readonly EntityType _entityType;
    private readonly bool _any;
    private readonly ScopeCondition[] _conditions;

    private ScopeModel(EntityType entityType, bool any, ScopeCondition[] conditions)
    {
        _entityType = entityType;
        _any = any;
        _conditions = conditions;
    }

    /// <summary>Whether a record (its payload) is in scope today.</summary>
    public bool Contains(ReadOnlySpan<byte> payload, DateOnly today)
    {
        foreach (var condition in _conditions)
        {
            var value = Mapping.ResourcePayload.GetValue(payload, _entityType, condition.Property.Index);
            if (condition.Test(value, today) == _any)
            {
                return _any;
            }
        }

        return !_any;
    }

    /// <summary>Validates the scope against the entity type; every problem goes to <paramref name="errors"/>.</summary>
    public static ScopeModel? Build(ScopeOptions? options, EntityType entityType, List<string> errors)
    {
        const string Owner = "Provisioning.Scope";
        if (options is null)
        {
            return null;
        }

        var count = errors.Count;
        if (!Enum.IsDefined(options.Match))
        {
            errors.Add($"{Owner} has an unknown Match '{options.Match}'; use All or Any.");
        }

        if (options.Conditions.Count == 0)
        {
            errors.Add($"{Owner} has no condition; add at least one, or remove the scope to provision every record.");
        }

        var conditions = new List<ScopeCondition>();
        for (var i = 0; i < options.Conditions.Count; i++)
        {
            if (Condition($"{Owner}.Conditions[{i}]", options.Conditions[i], entityType, errors) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return errors.Count > count ? null : new ScopeModel(entityType, options.Match == ScopeMatch.Any, [.. conditions]);
    }

    private static ScopeCondition? Condition(string owner, ScopeConditionOptions options, EntityType entityType, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.Property))
        {
            errors.Add($"{owner} names no Property.");
            return null;
        }

        owner = $"{owner} ('{options.Property}')";
        var property = entityType.Properties.FirstOrDefault(p => string.Equals(p.Identifier, options.Property, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            errors.Add($"{owner} names the HR property '{options.Property}', which the entity type '{entityType.Identifier}' does not declare.");
            return null;
        }

        if (property.IsMultiValued)
        {
            errors.Add($"{owner} names '{property.Identifier}', which is multi-valued; a scope condition needs a single-valued property.");
            return null;
        }

        if (!Enum.IsDefined(options.Operator))
        {
            errors.Add($"{owner} has an unknown Operator '{options.Operator}'; use one of {string.Join(", ", Enum.GetNames<ScopeOperator>())}.");
            return null;
        }

        var count = errors.Count;
        var @operator = options.Operator;
        var type = property.IsNavigation ? PropertyType.String : property.Type;
        var negate = @operator is ScopeOperator.NotEquals or ScopeOperator.NotIn or ScopeOperator.NotEmpty or ScopeOperator.NotBefore or ScopeOperator.NotAfter;
        var isValue = @operator is ScopeOperator.Equals or ScopeOperator.NotEquals;
        var isValues = @operator is ScopeOperator.In or ScopeOperator.NotIn;
        var isDate = @operator is ScopeOperator.Before or ScopeOperator.NotBefore or ScopeOperator.After or ScopeOperator.NotAfter;
        if (isValue != (options.Value is not null))
        {
            errors.Add(isValue
                ? $"{owner} uses the operator {@operator}, which needs a Value."
                : $"{owner} sets a Value, which only Equals and NotEquals use{(isValues ? " (In and NotIn use Values)" : string.Empty)}.");
        }

        if (isValues != (options.Values.Count > 0))
        {
            errors.Add(isValues
                ? $"{owner} uses the operator {@operator}, which needs Values (at least one)."
                : $"{owner} sets Values, which only In and NotIn use{(isValue ? " (Equals and NotEquals use Value)" : string.Empty)}.");
        }

        if (options.Days is not null && !isDate)
        {
            errors.Add($"{owner} sets Days, which only Before, NotBefore, After and NotAfter use.");
        }

        if (options.Days is < -ProvisioningDefaults.MaxDays or > ProvisioningDefaults.MaxDays)
        {
            errors.Add(FormattableString.Invariant($"{owner} has Days {options.Days}; it must be between {-ProvisioningDefaults.MaxDays} and {ProvisioningDefaults.MaxDays}."));
        }

        if (isDate && (property.IsNavigation || property.Type is not (PropertyType.Date or PropertyType.DateTime)))
        {
            errors.Add($"{owner} uses the operator {@operator} on '{property.Identifier}', which is not a Date or DateTime property.");
        }

        object?[] Parse(IEnumerable<string> texts)
        {
            var parsed = new List<object?>();
            foreach (var text in texts)
            {
                // The configured value is no HR record's value: it may be named in the message.
                if (TryParse(text, type, out var value))
                {
                    parsed.Add(value);
                }
                else
                {
                    errors.Add($"{owner} has the value '{text}', which is not a valid {type} ({Format(type)}).");
                }
            }

            return [.. parsed];
        }

        var values = isValue && options.Value is { } one ? Parse([one]) : isValues ? Parse(options.Values) : [];
        if (errors.Count > count)
        {
            return null;
        }

        return @operator switch
        {
            ScopeOperator.Equals or ScopeOperator.NotEquals or ScopeOperator.In or ScopeOperator.NotIn => new ScopeCondition.OneOf(property, negate, type, values),
            ScopeOperator.Empty or ScopeOperator.NotEmpty => new ScopeCondition.IsEmpty(property, negate),
            ScopeOperator.Before or ScopeOperator.NotBefore => new ScopeCondition.Relative(property, negate, options.Days ?? 0, before: true),
            _ => new ScopeCondition.Relative(property, negate, options.Days ?? 0, before: false),
        };
    }

    private static string Format(PropertyType type) => type switch
    {
        PropertyType.Date => "yyyy-MM-dd",
        PropertyType.DateTime => "ISO 8601",
        PropertyType.Boolean => "true or false",
        PropertyType.Guid => "a GUID",
        _ => "invariant culture",
    };

    private static bool TryParse(string text, PropertyType type, out object? value)
    {
        var invariant = CultureInfo.InvariantCulture;
        text = text.Trim();
        (var ok, value) = type switch
        {
            PropertyType.String => (true, text),
            PropertyType.Int32 => (int.TryParse(text, NumberStyles.Integer, invariant, out var i), (object)i),
            PropertyType.Int64 => (long.TryParse(text, NumberStyles.Integer, invariant, out var l), l),
            PropertyType.Decimal => (decimal.TryParse(text, NumberStyles.Number, invariant, out var m), m),
            PropertyType.Boolean => (bool.TryParse(text, out var b), b),
            PropertyType.Date => (DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var d), d),
            PropertyType.DateTime => (DateTime.TryParse(text, invariant, DateTimeStyles.AdjustToUniversal, out var t), t),
            PropertyType.Guid => (Guid.TryParse(text, out var g), g),
            _ => (false, null),
        };
        return ok;
    }
}

/// <summary>One compiled scope condition.</summary>
internal abstract class ScopeCondition(EntityProperty property, bool negate)
{
    public EntityProperty Property { get; } = property;

    public bool Test(object? value, DateOnly today) => Holds(value, today) != negate;

    protected abstract bool Holds(object? value, DateOnly today);

    /// <summary>Equals or In (and their Not forms): the value is one of a set.</summary>
    internal sealed class OneOf : ScopeCondition
    {
        private readonly HashSet<string>? _strings;
        private readonly HashSet<object>? _others;

        public OneOf(EntityProperty property, bool negate, PropertyType type, object?[] values)
            : base(property, negate)
        {
            if (type == PropertyType.String)
            {
                _strings = new HashSet<string>(values.OfType<string>(), StringComparer.OrdinalIgnoreCase);
            }
            else
            {
                _others = [.. values.OfType<object>()];
            }
        }

        protected override bool Holds(object? value, DateOnly today) => value switch
        {
            null => false,
            string text => _strings?.Contains(text.Trim()) ?? false,
            _ => _others?.Contains(value) ?? false,
        };
    }

    /// <summary>Empty (and NotEmpty): no value, or white space only.</summary>
    internal sealed class IsEmpty(EntityProperty property, bool negate) : ScopeCondition(property, negate)
    {
        protected override bool Holds(object? value, DateOnly today) => value is null || (value is string text && string.IsNullOrWhiteSpace(text));
    }

    /// <summary>Before or After (and their Not forms): the day of the value against today plus some days.</summary>
    internal sealed class Relative(EntityProperty property, bool negate, int days, bool before) : ScopeCondition(property, negate)
    {
        protected override bool Holds(object? value, DateOnly today)
            => AfterPlanState.Day(value) is { } day && (before ? day < today.AddDays(days) : day > today.AddDays(days));
    }
}
