using System;
using System.Threading;
using NfIcbmsg.Platform;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Sim.Link;

namespace NfIcbmsg.Sim.Tests.Support
{
    /// <summary>
    /// Both sides of the sim board's ipc0 in this process, each with its own mapping of one shared
    /// file (as two processes would have), and in-process lines: a way to leave known states in a file.
    /// </summary>
    public sealed class FilePair : IDisposable
    {
        private readonly MappedFileMemory _localMemory;
        private readonly MappedFileMemory _remoteMemory;

        public FilePair(string shm)
        {
            InstanceConfig local = BoardSide.Load(Repository.LocalBoard, "ipc0").Config;
            InstanceConfig remote = BoardSide.Load(Repository.RemoteBoard, "ipc0").Config;
            _localMemory = MappedFileMemory.OpenOrCreate(shm, local.WindowBase, (int)local.WindowLength);
            _remoteMemory = MappedFileMemory.OpenOrCreate(shm, remote.WindowBase, (int)remote.WindowLength);
            InProcessMailbox localToRemote = new InProcessMailbox();
            InProcessMailbox remoteToLocal = new InProcessMailbox();
            Local = IpcService.Create(local, _localMemory, localToRemote, remoteToLocal);
            Remote = IpcService.Create(remote, _remoteMemory, remoteToLocal, localToRemote);
        }

        /// <summary>The follower (lower tx region).</summary>
        public IpcInstance Local { get; }

        /// <summary>The initiator.</summary>
        public IpcInstance Remote { get; }

        /// <summary>Registers an endpoint on both sides, opens both and waits until it is bound on both.</summary>
        public (Endpoint Local, Endpoint Remote) OpenBound(string name)
        {
            using CountdownEvent bound = new CountdownEvent(2);
            Endpoint local = Local.RegisterEndpoint(new EndpointConfig(name) { Bound = _ => bound.Signal() });
            Endpoint remote = Remote.RegisterEndpoint(new EndpointConfig(name) { Bound = _ => bound.Signal() });
            Local.Open();
            Remote.Open();
            if (!bound.Wait(5000))
            {
                throw new TimeoutException("the file pair did not bind");
            }

            return (local, remote);
        }

        /// <summary>Opens both sides without endpoints and waits until the link bonded on both.</summary>
        public void OpenBonded()
        {
            Local.Open();
            Remote.Open();
            if (!SpinWait.SpinUntil(() => Local.IsBonded && Remote.IsBonded, 5000))
            {
                throw new TimeoutException("the file pair did not bond");
            }
        }

        public void Dispose()
        {
            Local.Close();
            Remote.Close();
            _localMemory.Dispose();
            _remoteMemory.Dispose();
        }
    }
}
