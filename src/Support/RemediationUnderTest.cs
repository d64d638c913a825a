namespace Kubernaut.Acceptance.Support;

/// <summary>The remediation a scenario is about: its correlation id ties the notifications, events and audit trail together.</summary>
public sealed class RemediationUnderTest
{
    private string? _correlationId;

    public string CorrelationId
    {
        get => _correlationId ?? throw new InvalidOperationException(
            "This scenario has not named a remediation yet: start it with a step that does (e.g. Given a \"Simple\" notification with priority \"Low\" for remediation \"x\").");
        set => _correlationId = value;
    }

    public bool IsKnown => _correlationId is not null;
}
