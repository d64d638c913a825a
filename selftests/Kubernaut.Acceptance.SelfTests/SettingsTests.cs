using FluentAssertions;
using Kubernaut.Acceptance.Support;

namespace Kubernaut.Acceptance.SelfTests;

public sealed class SettingsTests
{
    [Fact]
    public void Without_variables_the_suite_targets_the_emulator_with_the_Kind_port_defaults()
    {
        var settings = AcceptanceSettings.FromVariables(new Dictionary<string, string>());

        settings.Should().Be(new AcceptanceSettings());
        settings.Target.Should().Be(TargetKind.Emulator);
        settings.DataStorageUrl.Should().Be(new Uri("https://localhost:30090/"));
    }

    [Fact]
    public void Variables_override_the_defaults()
    {
        var settings = AcceptanceSettings.FromVariables(new Dictionary<string, string>
        {
            [AcceptanceSettings.Variables.Target] = "existing",
            [AcceptanceSettings.Variables.DataStorageUrl] = "https://ds.example:8443",
            [AcceptanceSettings.Variables.AuditSettleWindow] = "1.5",
        });

        settings.Target.Should().Be(TargetKind.Existing);
        settings.DataStorageUrl.Should().Be(new Uri("https://ds.example:8443/"));
        settings.AuditSettleWindow.Should().Be(TimeSpan.FromSeconds(1.5));
    }

    [Theory]
    [InlineData(AcceptanceSettings.Variables.Target, "staging", "unknown target. Fix: use \"emulator\" (default) or \"existing\"")]
    [InlineData(AcceptanceSettings.Variables.Target, "kind", "cannot provision Kind clusters yet")]
    [InlineData(AcceptanceSettings.Variables.DataStorageUrl, "localhost:30090", "not an absolute http(s) URL")]
    [InlineData(AcceptanceSettings.Variables.PhaseTimeout, "-3", "not a positive number of seconds")]
    public void A_value_that_cannot_be_used_names_the_variable_and_the_fix(string variable, string value, string expected)
    {
        var read = () => AcceptanceSettings.FromVariables(new Dictionary<string, string> { [variable] = value });

        read.Should().Throw<SettingsException>().Which.Message.Should().StartWith($"{variable}={value}:").And.Contain(expected);
    }

    [Fact]
    public void Names_carry_the_run_id_and_stay_valid_kubernetes_names()
    {
        var run = new RunIdentity(new DateTimeOffset(2026, 11, 21, 23, 2, 6, TimeSpan.Zero), "3f9a");

        run.Id.Should().Be("kat-1121230206-3f9a");
        run.UniqueName("Failed Delivery!").Should().Be("kat-1121230206-3f9a-1-failed-delivery");
        run.UniqueName(new string('x', 100)).Should().HaveLength(63).And.MatchRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    }
}
