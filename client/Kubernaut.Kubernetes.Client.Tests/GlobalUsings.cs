global using FluentAssertions;
global using Kubernaut.Kubernetes.Client.Config;
global using Kubernaut.Kubernetes.Client.Models;
global using Kubernaut.Kubernetes.Client.Tests.Support;
