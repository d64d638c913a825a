using System.Threading;

namespace Kubernaut.Bdd.Messages
{
    /// <summary>Produces the ids that link messages together.</summary>
    public interface IIdGenerator
    {
        string NewId();
    }

    /// <summary>0, 1, 2, ...: the generator the official Gherkin testdata and the CCK use; deterministic and thread-safe.</summary>
    public sealed class IncrementingIdGenerator : IIdGenerator
    {
        private long _next = -1;
        public string NewId() => Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Random UUIDs: ids stay unique when streams from several processes are merged.</summary>
    public sealed class UuidIdGenerator : IIdGenerator
    {
        public string NewId() => System.Guid.NewGuid().ToString();
    }
}
