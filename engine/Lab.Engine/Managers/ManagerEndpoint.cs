namespace Lab.Engine.Managers;

/// <summary>
/// Where a manager listens and the key it expects. One instance is shared by a manager and the proxies created
/// through it in the same process, so a shutdown there is known without a connection attempt; a child rebuilds its
/// own from a proxy's inherited state (the key travels in the start bootstrap, through a pipe only parent and child
/// hold, never on disk or in the environment: CPython sends the authkey in the same way, in the spawn preparation data).
/// </summary>
internal sealed class ManagerEndpoint(string address, byte[] key)
{
    private volatile bool _shutDown;

    public string Address { get; } = address;

    public byte[] Key { get; } = key;

    public bool IsShutDown => _shutDown;

    public void MarkShutDown() => _shutDown = true;

    public ManagerError ShutDownError() => new($"the manager at {Address} has been shut down");
}
