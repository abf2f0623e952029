using HrConnector.Provisioning;

namespace HrConnector.Testing.Tests;

public class IdentityAssertTests
{
    private static async Task<Identity?> IdentityAsync(IdentityState state = IdentityState.Active)
    {
        var repository = new InMemoryIdentityRepository();
        var id = repository.Add(new Dictionary<string, object?> { ["Title"] = "Analyst", ["Grade"] = 7 }, state);
        return await repository.GetAsync(id);
    }

    [Fact]
    public async Task HasValue_Equal_Passes()
    {
        var identity = await IdentityAsync();

        IdentityAssert.HasValue(identity, "Title", "Analyst");
        IdentityAssert.HasValue(identity, "grade", 7m);
        IdentityAssert.HasValue(identity, "Mail", null);
    }

    [Fact]
    public async Task HasValue_Different_NamesThePropertyWithoutTheValues()
    {
        var identity = await IdentityAsync();

        var exception = Assert.Throws<HrAssertionException>(() => IdentityAssert.HasValue(identity, "Title", "Manager"));

        Assert.Equal("Identity I000001: Title has another value (String); expected a String. Values are not quoted: the repository does not say which properties are sensitive.", exception.Message);
    }

    [Fact]
    public async Task HasValue_NoValueExpected_SaysItHasOne()
    {
        var identity = await IdentityAsync();

        var exception = Assert.Throws<HrAssertionException>(() => IdentityAssert.HasValue(identity, "Title", null));

        Assert.Equal("Identity I000001: Title has a value; expected none. Values are not quoted: the repository does not say which properties are sensitive.", exception.Message);
    }

    [Fact]
    public async Task HasValue_UnknownProperty_ListsTheProperties()
    {
        var identity = await IdentityAsync();

        var exception = Assert.Throws<HrAssertionException>(() => IdentityAssert.HasValue(identity, "Mail", "a@b.c"));

        Assert.Equal("Identity I000001: there is no property 'Mail'. The properties are: Title, Grade.", exception.Message);
    }

    [Fact]
    public void HasValue_NoIdentity_Fails()
    {
        var exception = Assert.Throws<HrAssertionException>(() => IdentityAssert.HasValue(null, "Title", "Analyst"));

        Assert.Equal("Expected an identity, found none: the HR record was never provisioned, or its identity was deleted.", exception.Message);
    }

    [Fact]
    public async Task HasState_Same_Passes_Different_Fails()
    {
        var identity = await IdentityAsync(IdentityState.Inactive);

        IdentityAssert.HasState(identity, IdentityState.Inactive);
        var exception = Assert.Throws<HrAssertionException>(() => IdentityAssert.HasState(identity, IdentityState.Active));

        Assert.Equal("Identity I000001 is Inactive, expected Active.", exception.Message);
    }
}
