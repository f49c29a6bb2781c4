using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NfIcbmsg.Boards;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Samples.MultiEndpoint;
using Xunit;

namespace NfIcbmsg.Esp32.Tests
{
    /// <summary>
    /// The ESP32 sample's traffic (firmware/Samples/MultiEndpoint: EndpointStream, MessagePattern) on the
    /// generated ESP32-DevKitC configuration, with the in-process simulated pair standing in for the native SRAM
    /// window and the GPIO jumpers: what the sample does in its default loopback mode, minus the hardware.
    /// </summary>
    public class SampleTrafficTests
    {
        private static readonly string[] s_endpoints = { "ep_a", "ep_b", "ep_c" };

        [Fact]
        public void SampleStreams_AllArriveVerified_BothWays_OnTheEsp32Layout()
        {
            InstanceConfig config = Esp32DevkitcAppcpuIpc0Config.Create();
            using SimulatedPair pair = new(config);
            IpcInstance[] sides = { pair.SideA, pair.SideB };
            List<EndpointStream> streams = new();
            for (int side = 0; side < sides.Length; side++)
            {
                for (int k = 0; k < s_endpoints.Length; k++)
                {
                    byte even = (byte)(2 * k);
                    byte odd = (byte)(2 * k + 1);
                    EndpointStream stream = new(
                        (side == 0 ? "A/" : "B/") + s_endpoints[k],
                        s_endpoints[k],
                        side == 0 ? even : odd,
                        side == 0 ? odd : even,
                        200,
                        MessagePattern.HeaderSize,
                        256);
                    stream.Attach(sides[side].RegisterEndpoint(stream.CreateConfig()));
                    streams.Add(stream);
                }
            }

            pair.Open();
            Assert.True(SpinUntil(() => streams.All(s => s.IsBound), 10000), "not all endpoints bound");

            Thread[] senders = streams.Select(s => new Thread(s.SendLoop) { IsBackground = true }).ToArray();
            foreach (Thread thread in senders)
            {
                thread.Start();
            }

            bool done = SpinUntil(() => streams.All(s => s.IsDone), 30000);
            streams.ForEach(s => s.Stop());
            foreach (Thread thread in senders)
            {
                thread.Join(2000);
            }

            Assert.True(done, "traffic did not finish: " + string.Join(", ", streams.Select(s => s.Name + " " + s.Sent + "/" + s.Verified)));
            Assert.All(streams, s => Assert.True(s.IsComplete, s.Name + ": " + s.LastError));
            Assert.Equal(0, pair.SideA.Statistics.Rejected);
            Assert.Equal(0, pair.SideB.Statistics.Rejected);
        }

        [Fact]
        public void MessagePattern_CatchesASwappedStreamAndAWrongSequence()
        {
            byte[] message = new byte[64];
            MessagePattern.Fill(message, 7, 3, 40);
            Assert.Null(MessagePattern.Verify(message, 40, 7, 3));
            Assert.NotNull(MessagePattern.Verify(message, 40, 8, 3));
            Assert.NotNull(MessagePattern.Verify(message, 40, 7, 2));
            Assert.NotNull(MessagePattern.Verify(message, 39, 7, 3));
            message[20] ^= 1;
            Assert.NotNull(MessagePattern.Verify(message, 40, 7, 3));
            Assert.InRange(MessagePattern.LengthOf(12345, 8, 256), 8, 256);
        }

        private static bool SpinUntil(Func<bool> condition, int timeoutMs)
        {
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline)
                {
                    return false;
                }

                Thread.Sleep(10);
            }

            return true;
        }
    }
}
