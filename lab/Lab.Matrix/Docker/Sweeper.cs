using Docker.DotNet;
using Docker.DotNet.Models;
using Lab.Matrix.Host;

namespace Lab.Matrix.Docker;

/// <summary>
/// Removes the lab's containers by label: those of a run at its end (also after Ctrl-C or SIGTERM), and at the next
/// start those whose owner process is gone (a run killed with SIGKILL). Containers of another live run are left alone.
/// </summary>
public static class Sweeper
{
    /// <summary>Removes (forcibly: a running one is killed) every container of <paramref name="runId"/>; returns how many.</summary>
    public static Task<int> RemoveRunAsync(LabDockerEndpoint engine, string runId, CancellationToken cancel) =>
        RemoveAsync(engine, c => c.Labels.TryGetValue(LabLabels.Run, out var run) && run == runId, cancel);

    /// <summary>Removes every lab container whose owner process no longer exists; returns how many.</summary>
    public static Task<int> RemoveStaleAsync(LabDockerEndpoint engine, CancellationToken cancel) =>
        RemoveAsync(engine, c => OwnerProcess.Parse(LabLabels.Get(c.Labels, LabLabels.Owner)) is { IsAlive: false }, cancel);

    private static async Task<int> RemoveAsync(LabDockerEndpoint engine, Func<ContainerListResponse, bool> select, CancellationToken cancel)
    {
        using var client = engine.CreateClient();
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [LabLabels.Run] = true } },
        }, cancel);
        var removed = 0;
        foreach (var c in containers.Where(c => c.Labels is not null && select(c)))
        {
            try
            {
                await client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancel);
                removed++;
            }
            catch (DockerContainerNotFoundException)
            {
                // Already gone (removed by Testcontainers' own disposal in the meantime).
            }
        }
        return removed;
    }
}
