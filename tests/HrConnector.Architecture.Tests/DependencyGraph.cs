using Mono.Cecil;
using Mono.Cecil.Cil;

namespace HrConnector.Architecture.Tests;

/// <summary>
/// Which types of an assembly use which other types of the same assembly, read from its metadata with Mono.Cecil:
/// base types, interfaces, attributes, fields, properties, events, method signatures, locals, and every type, method
/// and field the IL refers to. A nested or compiler-generated type (a lambda's closure, an async state machine) counts
/// as the type it is declared in.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly Dictionary<string, HashSet<string>> _uses = new(StringComparer.Ordinal);

    private DependencyGraph(ModuleDefinition module, string prefix)
    {
        foreach (var type in module.GetTypes())
        {
            var from = Outermost(type);
            if (!from.Namespace.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var uses = Uses(from.FullName);
            void Add(TypeReference? reference)
            {
                // A type of the same module is referred to by its definition; types of other assemblies are left out.
                foreach (var used in Expand(reference).OfType<TypeDefinition>())
                {
                    var target = Outermost(used);
                    if (target.Namespace.StartsWith(prefix, StringComparison.Ordinal) && target.FullName != from.FullName)
                    {
                        uses.Add(target.FullName);
                    }
                }
            }

            Add(type.BaseType);
            foreach (var item in type.Interfaces)
            {
                Add(item.InterfaceType);
            }

            foreach (var attribute in type.CustomAttributes)
            {
                Add(attribute.AttributeType);
            }

            foreach (var field in type.Fields)
            {
                Add(field.FieldType);
            }

            foreach (var property in type.Properties)
            {
                Add(property.PropertyType);
            }

            foreach (var @event in type.Events)
            {
                Add(@event.EventType);
            }

            foreach (var method in type.Methods)
            {
                Add(method.ReturnType);
                foreach (var parameter in method.Parameters)
                {
                    Add(parameter.ParameterType);
                }

                foreach (var constraint in method.GenericParameters.SelectMany(g => g.Constraints))
                {
                    Add(constraint.ConstraintType);
                }

                if (!method.HasBody)
                {
                    continue;
                }

                foreach (var variable in method.Body.Variables)
                {
                    Add(variable.VariableType);
                }

                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference operand:
                            Add(operand);
                            break;
                        case MethodReference operand:
                            Add(operand.DeclaringType);
                            Add(operand.ReturnType);
                            foreach (var parameter in operand.Parameters)
                            {
                                Add(parameter.ParameterType);
                            }

                            if (operand is GenericInstanceMethod generic)
                            {
                                foreach (var argument in generic.GenericArguments)
                                {
                                    Add(argument);
                                }
                            }

                            break;
                        case FieldReference operand:
                            Add(operand.DeclaringType);
                            Add(operand.FieldType);
                            break;
                    }
                }
            }
        }
    }

    /// <summary>Gets the types of the assembly under the namespace prefix, each with the types it uses.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Types => _uses;

    /// <summary>Reads the graph of the assembly at <paramref name="path"/>, for its types whose namespace starts with <paramref name="prefix"/>.</summary>
    public static DependencyGraph Read(string path, string prefix)
    {
        using var module = ModuleDefinition.ReadModule(path, new ReaderParameters { ReadSymbols = false, InMemory = true });
        return new DependencyGraph(module, prefix);
    }

    /// <summary>The namespace of a type name as <see cref="Types"/> gives it.</summary>
    public static string NamespaceOf(string fullName)
    {
        var dot = fullName.LastIndexOf('.');
        return dot < 0 ? string.Empty : fullName[..dot];
    }

    /// <summary>The namespaces, each with the namespaces it uses (itself excluded).</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Namespaces()
    {
        var namespaces = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (type, uses) in _uses)
        {
            var from = NamespaceOf(type);
            if (!namespaces.TryGetValue(from, out var set))
            {
                namespaces[from] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            foreach (var used in uses.Select(NamespaceOf).Where(n => n != from))
            {
                set.Add(used);
            }
        }

        return namespaces;
    }

    private HashSet<string> Uses(string type)
    {
        if (!_uses.TryGetValue(type, out var uses))
        {
            _uses[type] = uses = new HashSet<string>(StringComparer.Ordinal);
        }

        return uses;
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    /// <summary>A type reference and everything it is made of: element types of arrays, pointers and by-refs, generic arguments.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? reference)
    {
        switch (reference)
        {
            case null:
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var part in Expand(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Expand)))
                {
                    yield return part;
                }

                yield break;
            case TypeSpecification specification:
                foreach (var part in Expand(specification.ElementType))
                {
                    yield return part;
                }

                yield break;
            default:
                yield return reference;
                yield break;
        }
    }
}
