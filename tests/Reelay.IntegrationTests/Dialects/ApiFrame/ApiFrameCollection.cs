namespace Reelay.IntegrationTests.Dialects.ApiFrame;

/// <summary>The APIFrame suite shares one <see cref="ApiFrameServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ApiFrameCollection : ICollectionFixture<ApiFrameServer>
{
    public const string Name = "ApiFrame";
}
