using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Lab.Engine.Interop;
using Lab.Engine.Managers;
using Lab.Engine.Queues;
using Xunit;

namespace Lab.Engine.Tests.Managers;

public class ManagerTests
{
    public static TheoryData<StartMethod> StartMethodsData => new(Multiprocessing.AllStartMethods);

    [Theory]
    [MemberData(nameof(StartMethodsData))]
    public void Example5918_ChildAppendsToManagedList_ParentSeesIt(StartMethod method)
    {
        var context = Multiprocessing.GetContext(method);
        string directory;
        using (var manager = Manager.StartNew(context: context))
        {
            directory = Path.GetDirectoryName(manager.Address)!;
            var list = manager.List();
            using var child = new Process(ManagerTargets.AppendHello, [list], context: context).RunToEnd();
            Assert.Equal(0, child.ExitCode);
            Assert.Equal(["hello"], list.ToList());
        }
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void PoolWorkers_ReachAProxyThroughTheirInitializer()
    {
        using var manager = Manager.StartNew();
        var list = manager.List();
        using (var pool = new Pool(2, initializer: ManagerTargets.SetWorkerList, initArgs: [list]))
        {
            Assert.Equal(Enumerable.Range(0, 10), pool.Map<int, int>(ManagerTargets.AppendFromTask, Enumerable.Range(0, 10)));
            pool.Close();
            Assert.True(pool.Join(Limits.Join));
        }
        Assert.Equal(Enumerable.Range(0, 10).Cast<object?>(), list.ToList().Order());
    }

    [Fact]
    public void PoolTasks_TakeAProxyAsArgument_ButCannotReturnOne()
    {
        using var manager = Manager.StartNew();
        var list = manager.List();
        using (var pool = new Pool(2))
        {
            var items = Enumerable.Range(0, 20).ToList();
            Assert.Equal(items, pool.StarMap<int>((Func<ListProxy, int, int>)ManagerTargets.AppendThroughArgument, items.Select(i => new object?[] { list, i })));
            Assert.Equal([20], pool.Map<ListProxy, int>(ManagerTargets.CountTask, [list]));
            // Results travel from the worker with no inherited kinds: a worker's bytes never make the parent connect anywhere.
            var refused = Assert.ThrowsAny<Exception>(() => pool.Map<ListProxy, ListProxy>(ManagerTargets.ReturnProxy, [list]));
            Assert.Contains("manager-proxy", refused.Message);
            pool.Close();
            Assert.True(pool.Join(Limits.Join));
        }
        Assert.Equal(Enumerable.Range(0, 20).Cast<object?>(), list.ToList().Order());
    }

    [Fact]
    public void PoolTaskArguments_ResourcesWithDescriptors_StillRefusedInTheParent()
    {
        using var pool = new Pool(1);
        using var queue = new Lab.Engine.Queues.ProcessQueue();
        var refused = Assert.Throws<Serialization.SerializationError>(() => pool.Map<Lab.Engine.Queues.ProcessQueue, int>(ManagerTargets.QueueSize, [queue]));
        Assert.Contains("when it starts", refused.Message);
    }

    [Fact]
    public async Task ExecutorSubmit_TakesAProxyAsArgument()
    {
        using var manager = Manager.StartNew();
        var list = manager.List();
        await using (var executor = new ProcessPoolExecutor(1))
            Assert.Equal(5, await executor.Submit<int>((Func<ListProxy, int, int>)ManagerTargets.AppendThroughArgument, [list, 5]));
        Assert.Equal([5], list.ToList());
    }

    [Fact]
    public void PlainList_IsCopiedIntoTheChild_ManagedListIsShared()
    {
        var plain = new List<object?>();
        using (var child = new Process(ManagerTargets.AppendToPlainList, [plain]).RunToEnd()) Assert.Equal(0, child.ExitCode);
        Assert.Empty(plain);
    }

    [Fact]
    public void EveryBuiltinKind_RoundTripsBetweenParentAndChild()
    {
        using var manager = Manager.StartNew();
        var dict = manager.Dictionary();
        var ns = manager.Namespace();
        var value = manager.Value(0);
        var queue = manager.Queue();
        var done = manager.Event();
        dict["parent"] = 41L;
        Assert.False(done.IsSet);
        using var child = new Process(ManagerTargets.UseEveryKind, [dict, ns, value, queue, done]).RunToEnd();
        Assert.Equal(0, child.ExitCode);
        Assert.True(done.Wait(Limits.Join));
        Assert.Equal(new Dictionary<string, object?> { ["parent"] = 41L, ["child"] = 1 }, dict.ToDictionary());
        Assert.Equal(42L, ns.Get("x"));
        Assert.Equal("from child", value.Value);
        Assert.Equal(new List<object?> { 1, "two" }, queue.Get(timeout: Limits.Join));
        Assert.Throws<QueueEmptyError>(() => queue.Get(block: false));
        Assert.Equal("KeyError", Assert.Throws<ManagerCallError>(() => dict["missing"]).RemoteType);
        Assert.Equal("AttributeError", Assert.Throws<ManagerCallError>(() => ns.Get("missing")).RemoteType);
        Assert.Equal("fallback", dict.Get("missing", "fallback"));
    }

    [Fact]
    public void Lock_IsExclusiveAcrossProxies_AndReleasingUnlockedIsAnError()
    {
        using var manager = Manager.StartNew();
        var lockProxy = manager.Lock();
        Assert.True(lockProxy.Acquire());
        Assert.False(lockProxy.Acquire(blocking: false));
        lockProxy.Release();
        Assert.True(lockProxy.Acquire(timeout: Limits.Join));
        lockProxy.Release();
        Assert.Equal("RuntimeError", Assert.Throws<ManagerCallError>(lockProxy.Release).RemoteType);
    }

    [Fact]
    public void List_IndexesLikePython()
    {
        using var manager = Manager.StartNew();
        var list = manager.List([1, 2, 3]);
        Assert.Equal(3, list[-1]);
        list[0] = "a";
        Assert.Equal(3, list.Pop());
        Assert.Equal(2, list.Count);
        Assert.Equal("IndexError", Assert.Throws<ManagerCallError>(() => list[5]).RemoteType);
    }

    [Fact]
    public void RegisteredType_IsServedByName_UnregisteredNameIsRefused()
    {
        using var manager = Manager.StartNew(ManagerRegistrations.Register);
        var counter = manager.Create("Counter");
        using var child = new Process(ManagerTargets.IncrementCounter, [counter, 5]).RunToEnd();
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(15, counter.Call("Add", 10));
        Assert.Equal("AttributeError", Assert.Throws<ManagerCallError>(() => counter.Call("GetType")).RemoteType);
        Assert.Equal("KeyError", Assert.Throws<ManagerCallError>(() => manager.Create("System.IO.FileInfo")).RemoteType);
    }

    [Fact]
    public void RegistrationThatIsALambda_IsRefusedBeforeStart()
    {
        Assert.Throws<Lab.Engine.Targets.InvalidTargetError>(() => new Manager(r => r.Register<Counter>("C")));
    }

    [Fact]
    public void ProxyAfterShutdown_RaisesManagerError_AndNothingIsLeftBehind()
    {
        var manager = Manager.StartNew();
        var list = manager.List();
        list.Append(1);
        var pid = manager.Pid!.Value;
        var directory = Path.GetDirectoryName(manager.Address)!;
        manager.Dispose();
        Assert.Throws<ManagerError>(() => list.Append(2));
        Assert.Throws<ManagerError>(() => manager.List());
        Assert.False(Directory.Exists(directory));
        Assert.NotEqual(0, Libc.kill(pid, 0));
        manager.Dispose();
    }

    [Fact]
    public void ProxyInAChild_AfterShutdown_RaisesManagerError()
    {
        var manager = Manager.StartNew();
        var list = manager.List();
        manager.Shutdown();
        using var child = new Process(ManagerTargets.AppendHello, [list], output: Lab.Engine.Processes.ProcessOutput.Capture).RunToEnd();
        Assert.Equal(1, child.ExitCode);
        Assert.Equal(typeof(ManagerError).FullName, child.Error!.Type);
    }

    [Fact]
    public void KilledManager_NextCallRaisesManagerError_ShutdownStillCleansUp()
    {
        using var manager = Manager.StartNew();
        var list = manager.List();
        list.Append(1);
        var directory = Path.GetDirectoryName(manager.Address)!;
        Assert.Equal(0, Libc.kill(manager.Pid!.Value, Libc.SIGKILL));
        Assert.Throws<ManagerError>(() => list.Append(2));
        Assert.Throws<ManagerError>(() => list.Append(3));
        manager.Shutdown();
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void ChildKilledMidWork_LosesNothingAcknowledged()
    {
        using var manager = Manager.StartNew();
        var list = manager.List();
        var appended = manager.Event();
        var never = manager.Event();
        using var child = new Process(ManagerTargets.AppendThenHang, [list, 20, appended, never]);
        child.Start();
        Assert.True(appended.Wait(Limits.Join));
        child.Kill();
        child.JoinOrFail();
        Assert.Equal(Enumerable.Range(0, 20).Cast<object?>(), list.ToList());
        list.Append("still serving");
    }

    [Fact]
    public void Connection_WithTheWrongKey_IsRefused_AndTheSocketIsPrivate()
    {
        using var manager = Manager.StartNew();
        var address = manager.Address!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(address)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(address));
        var impostor = new ManagerEndpoint(address, Challenge.NewKey());
        Assert.Throws<ManagerAuthenticationError>(() => ManagerConnection.Open(impostor).Dispose());

        // A client that skips the challenge and sends a request gets no reply: the server closes the connection.
        using (var raw = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            raw.Connect(new UnixDomainSocketEndPoint(address));
            raw.ReceiveTimeout = (int)Limits.Join.TotalMilliseconds;
            using var stream = new NetworkStream(raw);
            Serialization.Frames.Read(stream); // the server's challenge
            Serialization.Frames.Write(stream, ManagerProtocol.Request(ManagerProtocol.Create, 0, "list", []));
            Assert.Equal("#FAILURE#"u8.ToArray(), Serialization.Frames.Read(stream));
            Assert.Null(Serialization.Frames.Read(stream));
        }
        manager.List().Append("the manager still serves its own");
    }

    [Fact]
    public void ConcurrentAppends_FromNProcesses_KeepEveryElement()
    {
        var shapes = Gen.Zip(Gen.Choose(1, 3), Gen.Choose(0, 12)).ToArbitrary();
        PropertyCheck.Run(Prop.ForAll(shapes, shape =>
        {
            var (producers, count) = shape;
            using var manager = Manager.StartNew();
            var list = manager.List();
            var children = Enumerable.Range(0, producers).Select(id => new Process(ManagerTargets.AppendMany, [list, id, count])).ToList();
            try
            {
                children.ForEach(p => p.Start());
                children.ForEach(p => p.JoinOrFail());
                var got = list.ToList().Cast<object?[]>().Select(x => ((int)x[0]!, (int)x[1]!)).ToList();
                var expected = Enumerable.Range(0, producers).SelectMany(id => Enumerable.Range(0, count).Select(i => (id, i)));
                return children.All(p => p.ExitCode == 0) && got.Count == producers * count && got.Order().SequenceEqual(expected.Order());
            }
            finally
            {
                children.ForEach(p => p.Dispose());
            }
        }), maxTest: 6);
    }
}
