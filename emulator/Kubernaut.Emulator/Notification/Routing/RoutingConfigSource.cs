using System.Text.Json.Nodes;
using Kubernaut.Emulator.Kubernetes;

namespace Kubernaut.Emulator.Notification.Routing;

/// <summary>
/// The routing table currently in force, loaded from the routing ConfigMap and reloaded whenever it changes (BR-NOT-067).
/// An invalid update keeps the previous table and is reported in the controller log and as a Warning Event on the ConfigMap;
/// a deleted ConfigMap (or one without the key) falls back to console delivery.
/// </summary>
internal sealed class RoutingConfigSource(NotificationControllerOptions options, EventRecorder events, ControllerLog log)
{
    private volatile RoutingTable? _current;

    /// <summary>Null when no routing configuration is loaded (console fallback).</summary>
    public RoutingTable? Current => _current;

    /// <summary>A change of a ConfigMap in the controller's namespace; only the routing ConfigMap matters.</summary>
    public void OnConfigMapChange(WatchEvent change)
    {
        if (ObjectMeta.Name(change.Object) == options.RoutingConfigMapName)
        {
            Load(change.Type == WatchEventType.Deleted ? null : change.Object, change.WireType);
        }
    }

    /// <param name="configMap">The routing ConfigMap, or null when it does not exist.</param>
    public void Load(JsonObject? configMap, string trigger)
    {
        if (configMap?["data"]?[options.RoutingConfigKey]?.ToString() is not { } yaml)
        {
            _current = null;
            log.Info("Routing configuration not found, using console fallback", ("configMap", options.RoutingConfigMapName), ("key", options.RoutingConfigKey), ("trigger", trigger));
            return;
        }
        try
        {
            _current = RoutingTable.Parse(yaml, $"ConfigMap {options.Namespace}/{options.RoutingConfigMapName} key {options.RoutingConfigKey}");
            log.Info("Routing configuration loaded", ("configMap", options.RoutingConfigMapName), ("trigger", trigger));
        }
        catch (RoutingConfigException ex)
        {
            var kept = _current is null ? "no routing configuration is loaded, using console fallback" : "keeping the previous routing configuration";
            log.Error("Failed to load routing configuration", ex.Message, ("configMap", options.RoutingConfigMapName), ("result", kept));
            events.Record(configMap, "Warning", "RoutingConfigRejected", $"{ex.Message} ({kept})", NotificationNames.Controller);
        }
    }
}
