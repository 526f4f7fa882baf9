namespace Lab.Systematic.Runtime;

/// <summary>
/// The carriers of one execution engine. Not thread-safe by design: it is touched only by whoever holds the
/// scheduler's token (the running operation or the driver), and the baton hand-offs order those accesses.
/// </summary>
internal sealed class CarrierPool
{
    private readonly Stack<Carrier> free = new();
    private int created;

    public Carrier Rent() => free.Count > 0 ? free.Pop() : new Carrier(created++);

    public void Return(Carrier carrier) => free.Push(carrier);

    /// <summary>Lets every idle carrier exit. Carriers still out (after an uncontrolled hang) are abandoned.</summary>
    public void Shutdown()
    {
        while (free.Count > 0)
        {
            var carrier = free.Pop();
            carrier.Operation = null;
            carrier.Baton.Release();
        }
    }
}
