namespace Lab.Systematic.Runtime;

/// <summary>Something an operation can be blocked on; its description names it in deadlock reports.</summary>
public interface IControlledResource
{
    /// <summary>What a blocked operation waits for, e.g. "lock 'a' held by op 2 'left'".</summary>
    string DescribeWait();
}
