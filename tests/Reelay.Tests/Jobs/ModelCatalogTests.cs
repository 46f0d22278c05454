using Reelay.Jobs;

namespace Reelay.Tests.Jobs;

public sealed class ModelCatalogTests
{
    [Fact]
    public void LoadDefault_ShippedFile_HasLocalAndEveryKlingModel()
    {
        var catalog = ModelCatalog.LoadDefault();
        foreach (var name in new[] { "local", "kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6" })
            Assert.NotNull(catalog.Find(name));
        Assert.Null(catalog.Find("kling-v3"));
    }

    [Fact]
    public void Constructor_DuplicateName_Throws()
    {
        var spec = new ModelSpec { Name = "m", Durations = [5], Modes = ["std"], AspectRatios = ["16:9"] };
        Assert.Throws<InvalidOperationException>(() => new ModelCatalog([spec, spec with { Name = "M" }]));
    }

    [Fact]
    public void Load_OverrideFile_ReplacesCatalog()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "models": [ { "name": "only", "durations": [3], "modes": ["std"], "aspectRatios": ["1:1"], }, ] }""");
            var catalog = ModelCatalog.Load(path);
            Assert.Single(catalog.Models);
            Assert.Equal([3], catalog.Find("only")!.Durations);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
