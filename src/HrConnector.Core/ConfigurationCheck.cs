using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace HrConnector;

/// <summary>
/// Checks a configuration section against the shape of <see cref="ConnectorOptions"/> before it is bound: the binder
/// silently drops a list element whose value does not convert (a property whose Type is "Int33" would vanish), and
/// ignores unknown keys (a misspelt "Delimeter" would leave the default). Every such problem is reported instead, with
/// its configuration path.
/// </summary>
internal static class ConfigurationCheck
{
    public static IReadOnlyList<string> Check(IConfiguration section)
    {
        var errors = new List<string>();
        CheckObject(section, typeof(ConnectorOptions), errors);
        return errors;
    }

    private static void CheckObject(IConfiguration section, Type type, List<string> errors)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                errors.Add($"The setting '{child.Path}' is unknown; check its spelling (settings of {type.Name}: {string.Join(", ", type.GetProperties().Select(p => p.Name))}).");
                continue;
            }

            CheckValue(child, property.PropertyType, errors);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (typeof(Delegate).IsAssignableFrom(type))
        {
            errors.Add($"The setting '{section.Path}' can only be set in code.");
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            foreach (var entry in section.GetChildren().Where(e => e.Value is null && e.GetChildren().Any()))
            {
                errors.Add($"The setting '{entry.Path}' must be a value, not an object or a list.");
            }
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>))
        {
            if (!string.IsNullOrEmpty(section.Value))
            {
                errors.Add($"The setting '{section.Path}' must be a list, not a value.");
            }

            var element = type.GetGenericArguments()[0];
            foreach (var item in section.GetChildren())
            {
                CheckValue(item, element, errors);
            }
        }
        else if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(TimeSpan))
        {
            if (section.Value is null)
            {
                if (section.GetChildren().Any())
                {
                    errors.Add($"The setting '{section.Path}' must be a value, not an object or a list.");
                }

                return;
            }

            if (!Converts(section.Value, type))
            {
                var allowed = type.IsEnum ? $"; use one of {string.Join(", ", Enum.GetNames(type))}" : string.Empty;
                errors.Add($"The setting '{section.Path}' has the value '{section.Value}', which is not a valid {Describe(type)}{allowed}.");
            }
        }
        else if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            if (!string.IsNullOrEmpty(section.Value))
            {
                errors.Add($"The setting '{section.Path}' must be a section of settings ({type.Name}), not a value.");
            }

            CheckObject(section, type, errors);
        }
    }

    private static bool Converts(string value, Type type)
    {
        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: true, out _) && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) => "whole number",
        _ when type == typeof(double) => "number",
        _ when type == typeof(bool) => "boolean (true or false)",
        _ when type == typeof(char) => "single character",
        _ => type.Name,
    };
}
