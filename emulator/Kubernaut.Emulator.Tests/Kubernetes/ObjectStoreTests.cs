using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Kubernaut.Emulator.Kubernetes;

namespace Kubernaut.Emulator.Tests.Kubernetes;

public sealed class ObjectStoreTests
{
    private static JsonObject ConfigMap(string name, string value) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = "demo" } },
        ["data"] = new JsonObject { ["key"] = value },
    };

    [Fact]
    public void Create_assigns_uid_generation_and_increasing_resource_versions()
    {
        var store = new ObjectStore();
        var first = store.Create(ResourceKinds.ConfigMap, ConfigMap("a", "1"));
        var second = store.Create(ResourceKinds.ConfigMap, ConfigMap("b", "1"));

        ObjectMeta.Uid(first).Should().NotBeEmpty();
        ObjectMeta.Generation(first).Should().Be(1);
        long.Parse(ObjectMeta.ResourceVersion(second)).Should().BeGreaterThan(long.Parse(ObjectMeta.ResourceVersion(first)));
        first["apiVersion"]!.ToString().Should().Be("v1");
    }

    [Fact]
    public void Creating_twice_is_AlreadyExists_and_a_stale_update_is_Conflict()
    {
        var store = new ObjectStore();
        var created = store.Create(ResourceKinds.ConfigMap, ConfigMap("a", "1"));

        var duplicate = () => store.Create(ResourceKinds.ConfigMap, ConfigMap("a", "2"));
        duplicate.Should().Throw<ApiException>().Where(e => e.Code == HttpStatusCode.Conflict && e.Reason == "AlreadyExists");

        store.Update(ResourceKinds.ConfigMap, created);
        var stale = (JsonObject)created.DeepClone();
        stale["data"]!["key"] = "3";
        var update = () => store.Update(ResourceKinds.ConfigMap, stale);
        update.Should().NotThrow("an unchanged object does not move the resourceVersion");

        var moved = store.Get(ResourceKinds.ConfigMap, "default", "a")!;
        var staleAgain = () => store.Update(ResourceKinds.ConfigMap, created);
        ObjectMeta.ResourceVersion(moved).Should().NotBe(ObjectMeta.ResourceVersion(created));
        staleAgain.Should().Throw<ApiException>().Where(e => e.Reason == "Conflict");
    }

    [Fact]
    public void Spec_changes_bump_generation_and_status_writes_do_not()
    {
        var store = new ObjectStore();
        var kind = ResourceKinds.NotificationRequest;
        store.Create(kind, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "n", ["namespace"] = "ns" }, ["spec"] = new JsonObject { ["subject"] = "a" } });

        var status = store.Mutate(kind, "ns", "n", o => o["status"] = new JsonObject { ["phase"] = "Sent" }, subresource: "status");
        ObjectMeta.Generation(status).Should().Be(1);
        status["status"]!["phase"]!.ToString().Should().Be("Sent");

        var ignoredStatus = store.Mutate(kind, "ns", "n", o => o["status"] = new JsonObject { ["phase"] = "Failed" });
        ignoredStatus["status"]!["phase"]!.ToString().Should().Be("Sent", "status is only written through the status subresource");

        var spec = store.Mutate(kind, "ns", "n", o => o["spec"]!["subject"] = "b");
        ObjectMeta.Generation(spec).Should().Be(2);
    }

    [Fact]
    public async Task Watch_replays_from_a_resource_version_and_filters_by_label()
    {
        var store = new ObjectStore();
        var first = store.Create(ResourceKinds.ConfigMap, ConfigMap("a", "1"));
        var other = ConfigMap("b", "1");
        other["metadata"]!["labels"]!["app"] = "other";
        store.Create(ResourceKinds.ConfigMap, other);
        store.Delete(ResourceKinds.ConfigMap, "default", "a");

        using var watch = store.Watch(ResourceKinds.ConfigMap, "default", ObjectMeta.ResourceVersion(first), LabelSelector.Parse("app in (demo)"));
        var deleted = await watch.Events.ReadAsync(TestContext.Current.CancellationToken);

        deleted.Type.Should().Be(WatchEventType.Deleted);
        ObjectMeta.Name(deleted.Object).Should().Be("a");
        watch.Events.TryRead(out _).Should().BeFalse("the other config map does not match the selector");
    }

    [Theory]
    [InlineData("app=demo", true)]
    [InlineData("app==demo,tier", false)]
    [InlineData("app!=demo", false)]
    [InlineData("app notin (x, y)", true)]
    [InlineData("!tier", true)]
    public void Label_selectors_follow_kubernetes_semantics(string selector, bool matches)
    {
        LabelSelector.Parse(selector).Matches(new Dictionary<string, string> { ["app"] = "demo" }).Should().Be(matches);
    }
}
