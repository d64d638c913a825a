using System.CommandLine;
using Kubernaut.Emulator.Benchmarks.Notifications;
using Kubernaut.Emulator.Benchmarks.Query;

// One subcommand per benchmark: add yours with one line, e.g. root.Subcommands.Add(NotificationsBenchmark.CreateCommand());
var root = new RootCommand("Benchmarks of the Kubernaut Emulator. Run one with: dotnet run -c Release --project emulator/Kubernaut.Emulator.Benchmarks -- <benchmark>");
root.Subcommands.Add(QueryBenchmark.CreateCommand());
root.Subcommands.Add(NotificationsBenchmark.CreateCommand());
return await root.Parse(args).InvokeAsync();
