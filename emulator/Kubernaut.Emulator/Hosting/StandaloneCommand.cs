using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Kubernaut.Emulator.Faults;
using Microsoft.Extensions.Logging;

namespace Kubernaut.Emulator.Hosting;

/// <summary>
/// The standalone emulator: starts everything in the foreground on the Kind host ports, prints every endpoint, writes
/// a kubeconfig (admin token inside, never printed) and inter-service-ca.pem beside it, and stops cleanly on Ctrl+C.
/// </summary>
public static class StandaloneCommand
{
    public static string DefaultKubeconfigPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "kubernaut-emulator", "config");

    public static RootCommand Create()
    {
        var kubeconfig = new Option<string>("--kubeconfig")
        {
            Description = "Where to write the kubeconfig (inter-service-ca.pem is written beside it)",
            DefaultValueFactory = _ => DefaultKubeconfigPath,
        };
        var apiPort = PortOption("--api-port", $"Kubernetes API port (HTTPS); default {EmulatorOptions.StandalonePorts.KubernetesApi}, or a free port when that is taken");
        var dataStoragePort = PortOption("--datastorage-port", "DataStorage audit API port (HTTPS)", EmulatorOptions.StandalonePorts.DataStorageApi);
        var healthPort = PortOption("--datastorage-health-port", "DataStorage health port (HTTP, /readyz)", EmulatorOptions.StandalonePorts.DataStorageHealth);
        var metricsPort = PortOption("--metrics-port", "Notification controller metrics port (HTTP, /metrics)", EmulatorOptions.StandalonePorts.NotificationMetrics);
        var @namespace = new Option<string>("--namespace")
        {
            Description = "Namespace of the Kubernaut footprint",
            DefaultValueFactory = _ => new EmulatorOptions().Namespace,
        };
        var faults = new Option<FileInfo?>("--faults")
        {
            Description = "JSON fault document to arm at start (same format as PUT /emulator/v1/faults)",
        };
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Minimum level of the log written to stderr",
            DefaultValueFactory = _ => LogLevel.Information,
        };
        var command = new RootCommand("Kubernaut Emulator: a Kubernetes API subset with Kubernaut's DataStorage and Notification controller, on 127.0.0.1")
        {
            kubeconfig, apiPort, dataStoragePort, healthPort, metricsPort, @namespace, faults, logLevel,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Settings(
                result.GetValue(kubeconfig)!,
                result.GetResult(apiPort) is { Implicit: false } ? result.GetValue(apiPort) : null,
                result.GetValue(dataStoragePort),
                result.GetValue(healthPort),
                result.GetValue(metricsPort),
                result.GetValue(@namespace)!,
                result.GetValue(faults),
                result.GetValue(logLevel)),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private sealed record Settings(string Kubeconfig, int? ApiPort, int DataStoragePort, int HealthPort, int MetricsPort, string Namespace, FileInfo? Faults, LogLevel LogLevel);

    private static Option<int> PortOption(string name, string description, int? defaultPort = null)
    {
        var option = new Option<int>(name) { Description = description + " (0 picks a free port)" };
        if (defaultPort is { } port)
        {
            option.DefaultValueFactory = _ => port;
        }
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError($"{name} must be a port number from 0 to 65535");
            }
        });
        return option;
    }

    private static async Task<int> RunAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        FaultSettings? faults;
        try
        {
            faults = settings.Faults is null ? null : FaultSettings.Parse(await File.ReadAllTextAsync(settings.Faults.FullName, cancellationToken));
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot use --faults {settings.Faults!.FullName}: {ex.Message}");
            return 2;
        }
        var apiPort = settings.ApiPort ?? EmulatorOptions.StandalonePorts.KubernetesApi;
        if (settings.ApiPort is null && !IsFree(apiPort))
        {
            await output.WriteLineAsync($"Port {apiPort} is in use; the Kubernetes API listens on a free port instead (choose one with --api-port).");
            apiPort = 0;
        }
        var taken = new[]
        {
            ("--api-port", "Kubernetes API", apiPort),
            ("--datastorage-port", "DataStorage API", settings.DataStoragePort),
            ("--datastorage-health-port", "DataStorage health", settings.HealthPort),
            ("--metrics-port", "Notification metrics", settings.MetricsPort),
        }.FirstOrDefault(p => p.Item3 != 0 && !IsFree(p.Item3));
        if (taken.Item1 is not null)
        {
            await error.WriteLineAsync($"Port {taken.Item3} ({taken.Item2}) on 127.0.0.1 is already in use. Stop the process that holds it, or choose another port with {taken.Item1} (0 picks a free one).");
            return 1;
        }
        using var loggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(settings.LogLevel)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        EmulatorHost host;
        try
        {
            host = await EmulatorHost.StartAsync(new EmulatorOptions
            {
                Namespace = settings.Namespace,
                KubernetesApiPort = apiPort,
                DataStorageApiPort = settings.DataStoragePort,
                DataStorageHealthPort = settings.HealthPort,
                NotificationMetricsPort = settings.MetricsPort,
                KubeconfigPath = settings.Kubeconfig,
                Faults = faults,
                LoggerFactory = loggers,
            }, cancellationToken);
        }
        catch (EmulatorStartException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
        await using (host)
        {
            await PrintEndpointsAsync(host, output);
            var stopped = new TaskCompletionSource();
            await using (cancellationToken.Register(() => stopped.TrySetResult()))
            {
                await stopped.Task;
            }
            await output.WriteLineAsync("Stopping the Kubernaut Emulator...");
        }
        await output.WriteLineAsync("Stopped.");
        return 0;
    }

    private static async Task PrintEndpointsAsync(EmulatorHost host, TextWriter output)
    {
        var caPath = Kubeconfig.CaPathBeside(host.KubeconfigPath!);
        await output.WriteLineAsync($"""
            Kubernaut Emulator is running. Press Ctrl+C to stop.
              Kubernetes API:        {host.KubernetesApiUrl}
              DataStorage API:       {host.DataStorageApiUrl}
              DataStorage health:    {host.DataStorageHealthUrl}
              Notification metrics:  {host.NotificationMetricsUrl}
              Namespace:             {host.Namespace}
              Kubeconfig:            {host.KubeconfigPath}
              CA certificate:        {caPath}
              Fault admin:           {new Uri(host.KubernetesApiUrl, FaultAdministration.Path)} (admin token: see the kubeconfig)
            Try: kubectl --kubeconfig {host.KubeconfigPath} get notificationrequests -A
            """);
        await output.FlushAsync();
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
