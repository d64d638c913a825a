using System.Net;
using System.Text;
using Kubernaut.Emulator.Kubernetes;
using Microsoft.AspNetCore.Http;

namespace Kubernaut.Emulator.Faults;

/// <summary>
/// The admin endpoint on the Kubernetes API listener, /emulator/v1/faults (admin token only): GET shows what is armed,
/// PUT replaces every fault with the document's, PATCH adds the document's faults to those armed, DELETE clears all.
/// Every answer is the resulting fault document.
/// </summary>
public sealed class FaultAdministration(FaultPlan plan)
{
    public const string Path = "/emulator/v1/faults";

    public async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsPut(method) || HttpMethods.IsPatch(method))
        {
            var settings = await ReadAsync(context.Request);
            if (HttpMethods.IsPut(method))
            {
                plan.Reset();
            }
            settings.ApplyTo(plan);
        }
        else if (HttpMethods.IsDelete(method))
        {
            plan.Reset();
        }
        else if (!HttpMethods.IsGet(method))
        {
            throw ApiException.MethodNotAllowed();
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(FaultSettings.From(plan).ToJson(), Encoding.UTF8, context.RequestAborted);
    }

    private static async Task<FaultSettings> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        try
        {
            return FaultSettings.Parse(body.Length == 0 ? "{}" : body);
        }
        catch (FormatException ex)
        {
            throw new ApiException(HttpStatusCode.BadRequest, "BadRequest", ex.Message);
        }
    }
}
