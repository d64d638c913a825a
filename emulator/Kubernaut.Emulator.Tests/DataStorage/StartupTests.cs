using FluentAssertions;
using Kubernaut.Emulator.DataStorage;
using Kubernaut.Emulator.Faults;
using Kubernaut.Emulator.Hosting;
using Kubernaut.Emulator.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubernaut.Emulator.Tests.DataStorage;

public sealed class StartupTests
{
    [Fact]
    public void The_defaults_are_the_notification_kind_host_ports_and_namespace()
    {
        var options = new DataStorageOptions();

        options.ApiPort.Should().Be(30090);
        options.HealthPort.Should().Be(30281);
        options.Namespace.Should().Be("notification-e2e");
        options.ServiceName.Should().Be("data-storage-service");
    }

    [Fact]
    public async Task A_taken_port_fails_the_start_naming_the_port_the_option_and_the_fix()
    {
        await using var first = await DataStorageHarness.StartAsync();
        using var ca = CertificateAuthority.Create();
        var nobody = new FakeTokenReviewer(new Dictionary<string, UserInfo>());
        var taken = first.Service.ApiBaseAddress.Port;

        var start = () => DataStorageService.StartAsync(
            DataStorageOptions.OnFreePorts() with { ApiPort = taken }, ca, nobody, new FakeAccessReviewer(), new FaultPlan(),
            NullLoggerFactory.Instance, TestContext.Current.CancellationToken);

        (await start.Should().ThrowAsync<EmulatorStartException>())
            .Which.Message.Should().Contain($"127.0.0.1:{taken} (DataStorageOptions.ApiPort)").And.Contain("0 picks a free one");
    }
}
