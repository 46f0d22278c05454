using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Reelay.Providers.ApiFrame;

namespace Reelay.Tests.Providers.ApiFrame;

public sealed class ApiFrameFaultFilterTests
{
    [Fact]
    public async Task InvokeAsync_HandlerThrows_Answers500EmptyObject()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        var filter = new ApiFrameFaultFilter(NullLogger<ApiFrameFaultFilter>.Instance);

        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => throw new InvalidOperationException("boom"));
        await Assert.IsAssignableFrom<IResult>(result).ExecuteAsync(http);

        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("application/json", http.Response.ContentType);
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }

    [Fact]
    public async Task InvokeAsync_HandlerSucceeds_PassesResultThrough()
    {
        var http = new DefaultHttpContext();
        var filter = new ApiFrameFaultFilter(NullLogger<ApiFrameFaultFilter>.Instance);

        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromResult<object?>("ok"));

        Assert.Equal("ok", result);
    }
}
