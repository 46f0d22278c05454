namespace Reelay.Providers.Kling.Emulator;

/// <summary>The new task, or the existing holder of the external_task_id, or a concurrency refusal.</summary>
internal sealed record AdmitResult(EmulatedTask? Created, EmulatedTask? Duplicate, bool OverLimit);
