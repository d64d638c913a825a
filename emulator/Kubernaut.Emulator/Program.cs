using Kubernaut.Emulator.Hosting;

return await StandaloneCommand.Create().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
