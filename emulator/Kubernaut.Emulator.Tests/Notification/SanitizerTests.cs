using FluentAssertions;
using Kubernaut.Emulator.Notification.Delivery;

namespace Kubernaut.Emulator.Tests.Notification;

public sealed class SanitizerTests
{
    [Theory]
    [InlineData("password: SuperSecret123", "password: [REDACTED]")]
    [InlineData("db_password=hunter2, user=bob", "db_password: [REDACTED], user=bob")]
    [InlineData("api_key: sk-1234567890abcdef", "api_key: [REDACTED]")]
    [InlineData("token: ghp_abcdefghijklmnopqrstuvwxyz0123456789", "token: [REDACTED]")]
    [InlineData("access_token='abc.def'", "access_token: [REDACTED]")]
    [InlineData("{\"password\": \"p4ss\", \"user\": \"bob\"}", "{\"password\": \"[REDACTED]\", \"user\": \"bob\"}")]
    [InlineData("Authorization: Bearer eyJhbGciOi.payload.sig", "Authorization: Bearer [REDACTED]")]
    [InlineData("postgresql://admin:s3cret@db:5432/app", "postgresql://admin:[REDACTED]@db:5432/app")]
    [InlineData("Pod payment-api restarted 5 times", "Pod payment-api restarted 5 times")]
    public void Secrets_are_redacted_and_everything_else_kept(string text, string expected)
    {
        Sanitizer.Sanitize(text).Should().Be(expected);
    }

    [Fact]
    public void Private_keys_are_removed_entirely()
    {
        var text = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\ndone";

        Sanitizer.Sanitize(text).Should().Be("key:\n[REDACTED]\ndone");
    }
}
