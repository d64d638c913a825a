using System.Text.Json.Nodes;
using Kubernaut.Emulator.Notification.Model;

namespace Kubernaut.Emulator.Notification.Delivery;

/// <summary>The JSON bodies the controller POSTs, shaped like the real services expect them.</summary>
internal static class ReceiverPayloads
{
    /// <summary>Slack Block Kit: header with the subject, the body as mrkdwn, a context line with priority and type.</summary>
    public static JsonObject Slack(NotificationRequestView request, string? slackChannel)
    {
        var payload = new JsonObject
        {
            ["text"] = $"{PriorityEmoji(request.Priority)} {request.Subject}",
            ["blocks"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "header",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate($"{PriorityEmoji(request.Priority)} {request.Subject}", 150) },
                },
                new JsonObject
                {
                    ["type"] = "section",
                    ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(request.Body, 3000) },
                },
                new JsonObject
                {
                    ["type"] = "context",
                    ["elements"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "mrkdwn",
                        ["text"] = $"*Priority:* {request.Priority} | *Type:* {request.Type} | *Notification:* {request.Namespace}/{request.Name}",
                    }),
                }),
        };
        if (!string.IsNullOrEmpty(slackChannel))
        {
            payload["channel"] = slackChannel;
        }
        return payload;
    }

    /// <summary>PagerDuty Events API v2 trigger, deduplicated per NotificationRequest.</summary>
    public static JsonObject PagerDuty(NotificationRequestView request, string routingKey) => new()
    {
        ["routing_key"] = routingKey,
        ["event_action"] = "trigger",
        ["dedup_key"] = $"kubernaut-{request.Namespace}-{request.Name}",
        ["payload"] = new JsonObject
        {
            ["summary"] = Truncate(request.Subject, 1024),
            ["source"] = "kubernaut-notification-controller",
            ["severity"] = request.Priority switch
            {
                "Critical" => "critical",
                "High" => "error",
                "Medium" => "warning",
                _ => "info",
            },
            ["custom_details"] = new JsonObject
            {
                ["body"] = request.Body,
                ["type"] = request.Type,
                ["priority"] = request.Priority,
                ["notification"] = $"{request.Namespace}/{request.Name}",
            },
        },
    };

    /// <summary>Microsoft Teams (Power Automate Workflows) message carrying an Adaptive Card.</summary>
    public static JsonObject Teams(NotificationRequestView request) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["content"] = new JsonObject
            {
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["type"] = "AdaptiveCard",
                ["version"] = "1.4",
                ["body"] = new JsonArray(
                    new JsonObject { ["type"] = "TextBlock", ["text"] = request.Subject, ["weight"] = "Bolder", ["size"] = "Large", ["wrap"] = true },
                    new JsonObject { ["type"] = "TextBlock", ["text"] = request.Body, ["wrap"] = true },
                    new JsonObject
                    {
                        ["type"] = "FactSet",
                        ["facts"] = new JsonArray(
                            new JsonObject { ["title"] = "Priority", ["value"] = request.Priority },
                            new JsonObject { ["title"] = "Type", ["value"] = request.Type },
                            new JsonObject { ["title"] = "Notification", ["value"] = $"{request.Namespace}/{request.Name}" }),
                    }),
            },
        }),
    };

    /// <summary>Generic webhook: the notification's identifying fields and content.</summary>
    public static JsonObject Webhook(NotificationRequestView request)
    {
        var extensions = new JsonObject();
        foreach (var (key, value) in request.Extensions)
        {
            extensions[key] = value;
        }
        return new JsonObject
        {
            ["notification"] = request.Name,
            ["namespace"] = request.Namespace,
            ["type"] = request.Type,
            ["priority"] = request.Priority,
            ["severity"] = request.Severity,
            ["subject"] = request.Subject,
            ["body"] = request.Body,
            ["extensions"] = extensions,
        };
    }

    private static string PriorityEmoji(string priority) => priority switch
    {
        "Critical" => "🚨",
        "High" => "⚠️",
        "Medium" => "ℹ️",
        "Low" => "💬",
        _ => "📢",
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
