using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using NfIcbmsg.Platform;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Platform
{
    public sealed class UdpMailboxTests
    {
        private const int WaitMs = 5000;

        [Theory]
        [InlineData(1, 1)]
        [InlineData(261, 5)]
        public void RaisingSendsOneDatagramOfTheChannelByteToPortBasePlusChannel(int channel, byte expected)
        {
            int portBase = PortBases.Next() - (channel - 1);
            using Socket probe = Bound(portBase + channel);
            probe.ReceiveTimeout = WaitMs;
            using UdpMailbox line = new UdpMailbox(portBase, channel);
            line.Raise();
            byte[] buffer = new byte[16];
            int length = probe.Receive(buffer);
            Assert.Equal(1, length);
            Assert.Equal(expected, buffer[0]);
            Assert.Equal(1, line.Raised);
        }

        [Fact]
        public void EachDatagramIsOneInterrupt()
        {
            int portBase = PortBases.Next();
            using UdpMailbox rx = new UdpMailbox(portBase, 1);
            using UdpMailbox tx = new UdpMailbox(portBase, 1);
            using SemaphoreSlim rings = new SemaphoreSlim(0);
            rx.Listen(() => rings.Release());
            for (int i = 0; i < 3; i++)
            {
                tx.Raise();
                Assert.True(rings.Wait(WaitMs), $"ring {i} did not arrive");
            }

            Assert.Equal(3, rx.Received);
            Assert.Equal(0, rx.Ignored);
        }

        [Fact]
        public void DatagramsThatAreNotOneByteAreIgnoredAndCounted()
        {
            int portBase = PortBases.Next();
            using UdpMailbox rx = new UdpMailbox(portBase, 2);
            int rings = 0;
            rx.Listen(() => Interlocked.Increment(ref rings));
            using Socket sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            IPEndPoint target = new IPEndPoint(IPAddress.Loopback, portBase + 2);
            sender.SendTo(Array.Empty<byte>(), target);
            sender.SendTo(new byte[] { 2, 2 }, target);
            sender.SendTo(new byte[1000], target);
            sender.SendTo(new byte[] { 2 }, target);
            // The count is taken before the handler runs, so wait for the ring too.
            SpinWait.SpinUntil(() => rx.Received + rx.Ignored >= 4 && Volatile.Read(ref rings) >= 1, WaitMs);
            Assert.Equal(3, rx.Ignored);
            Assert.Equal(1, rx.Received);
            Assert.Equal(1, Volatile.Read(ref rings));
        }

        [Fact]
        public void APortInUseIsAClearErrorNamingPortAndChannel()
        {
            int portBase = PortBases.Next();
            using Socket squatter = Bound(portBase + 3);
            using UdpMailbox rx = new UdpMailbox(portBase, 3);
            SimLinkException e = Assert.Throws<SimLinkException>(() => rx.Bind());
            Assert.Contains($"127.0.0.1:{portBase + 3}", e.Message);
            Assert.Contains("channel 3", e.Message);
            Assert.Contains("in use", e.Message);
            Assert.False(rx.IsBound);
        }

        [Fact]
        public void StopReleasesThePort()
        {
            int portBase = PortBases.Next();
            UdpMailbox rx = new UdpMailbox(portBase, 0);
            rx.Listen(() => { });
            Assert.True(rx.IsBound);
            rx.Stop();
            Assert.False(rx.IsBound);
            using Socket again = Bound(portBase);
            rx.Dispose();
        }

        [Fact]
        public void ARingNobodyListensToIsLostWithoutAnError()
        {
            using UdpMailbox tx = new UdpMailbox(PortBases.Next(), 0);
            tx.Raise();
            tx.Raise();
            Assert.Equal(2, tx.Raised);
            Assert.Equal(0, tx.SendFailures);
        }

        [Fact]
        public void ChannelsOutsideTheUdpPortRangeAreRefused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new UdpMailbox(65530, 6));
            Assert.Throws<ArgumentOutOfRangeException>(() => new UdpMailbox(47300, -1));
        }

        private static Socket Bound(int port)
        {
            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
    }
}
