using HrConnector.Provisioning;
using Moq;

namespace HrConnector.Tests.Provisioning;

public sealed class IdentityReaderTests
{
    [Fact]
    public async Task GetAsync_ManyReadsExpected_ScansTheRepositoryOnce()
    {
        var repository = new Mock<IIdentityRepository>(MockBehavior.Strict);
        repository.Setup(r => r.ListAsync(It.IsAny<CancellationToken>())).Returns(new[] { new Identity("I1", new Dictionary<string, object?>()), new Identity("I2", new Dictionary<string, object?>()) }.ToAsyncEnumerable());

        var reader = await IdentityReader.CreateAsync(repository.Object, IdentityReader.ScanThreshold, CancellationToken.None);

        Assert.Equal("I2", (await reader.GetAsync("I2", CancellationToken.None))!.Id);
        Assert.Null(await reader.GetAsync("I3", CancellationToken.None));
        repository.Verify(r => r.ListAsync(It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public async Task GetAsync_FewReadsExpected_QueriesEachIdentity()
    {
        var repository = new Mock<IIdentityRepository>(MockBehavior.Strict);
        repository.Setup(r => r.GetAsync("I1", It.IsAny<CancellationToken>())).ReturnsAsync(new Identity("I1", new Dictionary<string, object?>()));

        var reader = await IdentityReader.CreateAsync(repository.Object, IdentityReader.ScanThreshold - 1, CancellationToken.None);

        Assert.Equal("I1", (await reader.GetAsync("I1", CancellationToken.None))!.Id);
        repository.Verify(r => r.GetAsync("I1", It.IsAny<CancellationToken>()), Times.Once());
    }
}
