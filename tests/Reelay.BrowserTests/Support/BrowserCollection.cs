namespace Reelay.BrowserTests.Support;

/// <summary>All browser tests share one server and one chromium (<see cref="BrowserFixture"/>) and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
