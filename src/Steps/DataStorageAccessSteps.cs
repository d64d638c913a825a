using FluentAssertions;
using Kubernaut.Acceptance.Drivers;
using Reqnroll;

namespace Kubernaut.Acceptance.Steps;

[Binding]
public sealed class DataStorageAccessSteps(DataStorageAccessDriver dataStorage)
{
    [Given("a caller without a token")]
    public void GivenACallerWithoutAToken() => dataStorage.ActWithoutToken();

    [Given("a ServiceAccount without DataStorage access")]
    public Task GivenAServiceAccountWithoutAccess() => dataStorage.ActAsServiceAccountAsync(withDataStorageAccess: false);

    [Given("a ServiceAccount with DataStorage access")]
    public Task GivenAServiceAccountWithAccess() => dataStorage.ActAsServiceAccountAsync(withDataStorageAccess: true);

    [Given("{int} {string} events were recorded for remediation {string}")]
    public Task GivenEventsWereRecorded(int count, string eventType, string remediation) =>
        eventType == "notification.message.sent"
            ? dataStorage.RecordSentEventsAsync(count, remediation)
            : throw new PendingStepException($"Recording \"{eventType}\" events is not in the step library yet; only notification.message.sent is.");

    [When("the caller queries the audit trail")]
    public Task WhenTheCallerQueriesTheAuditTrail() => dataStorage.QueryAsync();

    [Then("DataStorage refuses the query with status {int}")]
    public void ThenDataStorageRefuses(int status) => TheAnswerIs(status);

    [Then("DataStorage answers the query")]
    public void ThenDataStorageAnswers() => TheAnswerIs(200);

    private void TheAnswerIs(int status) =>
        dataStorage.LastAnswer!.StatusCode.Should().Be(status, "DataStorage answered: {0} {1}", dataStorage.LastAnswer.ProblemTitle, dataStorage.LastAnswer.ProblemDetail);
}
