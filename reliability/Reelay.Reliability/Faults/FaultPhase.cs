namespace Reelay.Reliability.Faults;

/// <summary>Where a scenario is: the dependency healthy, broken, or repaired (recovery under way or done).</summary>
public enum FaultPhase
{
    Before,
    Outage,
    After,
}
