namespace Reelay.Tests.Support;

/// <summary>Tests that measure process-wide allocation run alone, after the parallel ones, so others' garbage does not count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationSensitiveCollection
{
    public const string Name = "AllocationSensitive";
}
