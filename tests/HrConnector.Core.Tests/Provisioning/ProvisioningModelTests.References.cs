using System.Text;
using HrConnector.Provisioning;
using Microsoft.Extensions.Configuration;

namespace HrConnector.Tests.Provisioning;

/// <summary>The Reference of an identity property (HrKey or IdentityId): validated by the provisioning model, bound from JSON by name.</summary>
[Trait("Category", "IdentityShaping")]
public sealed class ProvisioningModelReferencesTests
{
    [Fact]
    public void Validate_IdentityIdReferenceToAnotherEntityType_ReturnsOneError()
    {
        var options = ProvisioningModelTests.Valid();
        options.Provisioning!.Properties.Add(new IdentityPropertyOptions { Identity = "Department", Reference = IdentityReference.IdentityId });

        var error = Assert.Single(Connector.Validate(options));
        Assert.Equal("Provisioning.Properties[3] ('Department') has Reference IdentityId, but its source 'Department' is not a single-valued navigation property to 'Person' (only records of the provisioned entity type have identities); use Reference HrKey.", error);
    }

    [Fact]
    public void Validate_IdentityIdReferenceFromAScalar_ReturnsOneError()
    {
        var options = ProvisioningModelTests.Valid();
        options.Provisioning!.Properties[0].Reference = IdentityReference.IdentityId;

        var error = Assert.Single(Connector.Validate(options));
        Assert.Equal("Provisioning.Properties[0] ('GivenName') has Reference IdentityId, but its source 'FirstName' is not a single-valued navigation property to 'Person' (only records of the provisioned entity type have identities); use Reference HrKey.", error);
    }

    [Fact]
    public void Validate_IdentityIdReferenceToTheProvisionedEntityType_ReturnsNoError()
    {
        var options = ProvisioningModelTests.Valid();
        options.Provisioning!.Properties[2].Reference = IdentityReference.IdentityId;

        Assert.Empty(Connector.Validate(options));
    }

    [Fact]
    public void Validate_UnknownReference_ReturnsOneError()
    {
        var options = ProvisioningModelTests.Valid();
        options.Provisioning!.Properties[2].Reference = (IdentityReference)7;

        var error = Assert.Single(Connector.Validate(options));
        Assert.Equal("Provisioning.Properties[2] ('Manager') has an unknown Reference '7'; use HrKey or IdentityId.", error);
    }

    [Fact]
    public void Bind_ReferenceInJson_IsReadByName()
    {
        const string Json = """
            {
              "Identifier": "HR",
              "EntityTypes": [
                { "Identifier": "Department", "Properties": [ { "Identifier": "Name" } ] },
                { "Identifier": "Person", "Properties": [ { "Identifier": "LastName", "IsRequired": true } ], "NavigationProperties": [
                  { "Identifier": "Department", "TargetEntityType": "Department" },
                  { "Identifier": "Manager", "TargetEntityType": "Person" }
                ] }
              ],
              "Connections": [ { "Identifier": "departments", "Path": "departments.csv" }, { "Identifier": "people", "Path": "people.csv" } ],
              "Mappings": [
                { "EntityType": "Department", "Connection": "departments", "KeyColumn": "Code", "Properties": [ { "Property": "Name", "Column": "Name" } ] },
                { "EntityType": "Person", "Connection": "people", "KeyColumn": "Id", "Properties": [
                  { "Property": "LastName", "Column": "LastName" },
                  { "Property": "Manager", "Column": "ManagerId" },
                  { "Property": "Department", "Column": "DepartmentCode" }
                ] }
              ],
              "Provisioning": {
                "EntityType": "Person",
                "Properties": [
                  { "Identity": "LastName" },
                  { "Identity": "Department" },
                  { "Identity": "Manager", "Reference": "IdentityId" }
                ]
              }
            }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();

        var options = ConnectorConfiguration.Bind(configuration);

        Assert.Equal([IdentityReference.HrKey, IdentityReference.HrKey, IdentityReference.IdentityId], options.Provisioning!.Properties.Select(p => p.Reference));
        Assert.Empty(Connector.Validate(options));
    }
}
