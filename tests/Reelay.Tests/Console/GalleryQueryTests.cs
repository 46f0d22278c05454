using Reelay.Accounts;
using Reelay.Jobs;
using Reelay.WebConsole;

namespace Reelay.Tests.WebConsole;

public sealed class GalleryQueryTests
{
    private static readonly ApiKey User = new(Guid.NewGuid(), "u", ApiKeyRole.User, [1], DateTimeOffset.UnixEpoch, null);
    private static readonly ApiKey Admin = User with { Id = Guid.NewGuid(), Role = ApiKeyRole.Admin };

    [Fact]
    public void Parse_AllFilters_MapsToQueryWithWholeDayRange()
    {
        var parsed = GalleryQuery.Parse(User, "  fox ", "in_progress", "local", "kling", "2026-01-02", "2026-01-05", "cursor", 25);

        var q = Assert.IsType<Reelay.Storage.JobQuery>(parsed.Query);
        Assert.Null(parsed.Error);
        Assert.Equal(User.Id.ToString(), q.OwnerKeyId);
        Assert.Equal(JobStatus.Running, q.Status);
        Assert.Equal("fox", q.PromptContains);
        Assert.Equal("local", q.Model);
        Assert.Equal("kling", q.Dialect);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), q.CreatedFrom);
        Assert.Equal(new DateTimeOffset(2026, 1, 6, 0, 0, 0, TimeSpan.Zero), q.CreatedBefore);
        Assert.Equal("cursor", q.BeforeId);
        Assert.Equal(25, q.Limit);
    }

    [Fact]
    public void Parse_AdminWithoutFilters_ListsAllOwners()
    {
        var parsed = GalleryQuery.Parse(Admin, "", "", "", "", "", "", null, 10);

        Assert.Null(parsed.Query!.OwnerKeyId);
        Assert.Null(parsed.Query.Model);
        Assert.Null(parsed.Query.PromptContains);
        Assert.Null(parsed.Query.CreatedFrom);
    }

    [Theory]
    [InlineData("running", null, "status")]
    [InlineData(null, "02/01/2026", "created from")]
    public void Parse_InvalidFilter_ReturnsErrorNamingIt(string? status, string? from, string expected)
    {
        var parsed = GalleryQuery.Parse(User, null, status, null, null, from, null, null, 10);

        Assert.Null(parsed.Query);
        Assert.Contains(expected, parsed.Error, StringComparison.OrdinalIgnoreCase);
    }
}
