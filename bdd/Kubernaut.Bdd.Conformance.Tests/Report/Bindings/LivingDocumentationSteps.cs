using Reqnroll;

namespace Kubernaut.Bdd.Conformance.Tests.Report.Bindings;

/// <summary>Step definitions of <see cref="LivingDocumentationTests"/>: deliveries that pass, and one that fails with evidence attached.</summary>
public sealed class LivingDocumentationSteps(IReqnrollOutputHelper output)
{
    public const string FailureText = "Slack receiver slack-failure answered 503 Service Unavailable";
    public const string AttachmentName = "receiver-response.txt";
    public const string AttachmentText = "HTTP/1.1 503 Service Unavailable from slack-failure";

    private string _recipient = "";
    private int _delivered;

    public static string LogLineFor(string recipient) => $"Delivering the notification for {recipient} to slack-failure";

    [Given("a notification for {string}")]
    public void ANotificationFor(string recipient) => _recipient = recipient;

    [When("it is delivered")]
    public void ItIsDelivered() => _delivered++;

    [When("it is delivered to a failing receiver")]
    public void ItIsDeliveredToAFailingReceiver()
    {
        output.WriteLine(LogLineFor(_recipient));
        output.AddAttachment(AttachmentText, "text/plain", AttachmentName);
        throw new InvalidOperationException(FailureText);
    }

    [Then("the audit trail holds {int} delivery")]
    public void TheAuditTrailHoldsDelivery(int count) => Assert.Equal(count, _delivered);
}
