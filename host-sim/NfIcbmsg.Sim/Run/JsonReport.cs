using System.Text.Json;
using System.Text.Json.Serialization;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>The JSON shape of every machine-readable report of the simulator: camelCase, indented, nulls left out.</summary>
    public static class JsonReport
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };

        public static string Serialize<T>(T report)
        {
            return JsonSerializer.Serialize(report, Options);
        }
    }
}
