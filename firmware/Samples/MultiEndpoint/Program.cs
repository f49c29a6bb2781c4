using System;
using System.Device.Gpio;
using System.Threading;
using NfIcbmsg.Boards;
using NfIcbmsg.Platform.Esp32;

namespace NfIcbmsg.Samples.MultiEndpoint
{
    /// <summary>
    /// Zephyr's multi_endpoint sample on ESP32: one ICBMsg instance (ipc0 of the board file) over internal SRAM,
    /// the GPIO doorbell jumpers, three endpoints, a verified pattern stream in each direction of each endpoint,
    /// and the statistics on the console (docs/esp32.md).
    /// </summary>
    /// <remarks>
    /// <para>Build-time choices (DefineConstants):</para>
    /// <para>ESP32S3: the ESP32-S3-DevKitC-1 board files (nanoCLR on core 0); otherwise the ESP32-DevKitC
    /// (nanoCLR on core 1).</para>
    /// <para>PEER_ON_OTHER_CORE: only this board's side runs here; the peer is native code on the other core,
    /// running the same traffic with the stream ids swapped. Without it (the default) the sample is its own
    /// peer: a second instance, built from the mirrored configuration, plays the other core's part in this same
    /// application, over the same SRAM window and through the same jumpers. That exercises everything on the
    /// ESP32 side (native window, GPIO doorbells, protocol) without the native peer
    /// (firmware/NativePeer/platform/esp-idf, whose default application is this traffic's other half).</para>
    /// </remarks>
    public static class Program
    {
        private const int MessagesPerStream = 500;
        private const int MinSize = MessagePattern.HeaderSize;
        private const int MaxSize = 256;
        private const int BindTimeoutMs = 30000;
        private const int ExchangeTimeoutMs = 120000;
        private const int ReportEveryMs = 2000;

#if ESP32S3
        private const string Board = "esp32s3_devkitc/procpu";

        // The other core's doorbell pins (boards/esp32s3_devkitc/gpio-mbox.dtsi): it rings on channel 1
        // (GPIO5, jumpered to this side's rx GPIO7) and listens on channel 0 (GPIO6, jumpered from GPIO4).
        private const int PeerTxPin = 5;
        private const int PeerRxPin = 6;
#else
        private const string Board = "esp32_devkitc/appcpu";

        // The other core's doorbell pins (boards/esp32_devkitc/gpio-mbox.dtsi): it rings on channel 1
        // (GPIO26, jumpered to this side's rx GPIO33) and listens on channel 0 (GPIO32, jumpered from GPIO25).
        private const int PeerTxPin = 26;
        private const int PeerRxPin = 32;
#endif

#if PEER_ON_OTHER_CORE
        private const int SideCount = 1;
#else
        private const int SideCount = 2;
#endif

        private static readonly string[] s_endpointNames = new string[] { "ep_a", "ep_b", "ep_c" };

        private static int s_instanceErrors;
        private static string s_lastInstanceError;

        /// <summary>Entry point.</summary>
        public static void Main()
        {
#if ESP32S3
            InstanceConfig config = Esp32s3DevkitcProcpuIpc0Config.Create();
            int txPin = Esp32s3DevkitcProcpuIpc0Config.TxPin;
            int rxPin = Esp32s3DevkitcProcpuIpc0Config.RxPin;
#else
            InstanceConfig config = Esp32DevkitcAppcpuIpc0Config.Create();
            int txPin = Esp32DevkitcAppcpuIpc0Config.TxPin;
            int rxPin = Esp32DevkitcAppcpuIpc0Config.RxPin;
#endif

            Console.WriteLine("nf-icbmsg multi_endpoint on " + Board + ", instance " + config.Name +
                (SideCount == 2 ? ", both sides in this application (loopback through the jumpers)" : ", peer on the other core"));
            Console.WriteLine("  tx region 0x" + config.TxRegionAddress.ToString("X8") + " (" + config.TxRegionSize.ToString() + " bytes, " +
                config.TxBlocks.ToString() + " blocks), rx region 0x" + config.RxRegionAddress.ToString("X8") + " (" +
                config.RxRegionSize.ToString() + " bytes, " + config.RxBlocks.ToString() + " blocks)");
            Console.WriteLine("  doorbells: tx GPIO" + txPin.ToString() + ", rx GPIO" + rxPin.ToString());

            InstanceConfig[] configs = new InstanceConfig[SideCount];
            int[] txPins = new int[SideCount];
            int[] rxPins = new int[SideCount];
            configs[0] = config;
            txPins[0] = txPin;
            rxPins[0] = rxPin;
#if !PEER_ON_OTHER_CORE
            configs[1] = config.Mirror();
            txPins[1] = PeerTxPin;
            rxPins[1] = PeerRxPin;
#endif

            bool passed = Run(configs, txPins, rxPins);
            Console.WriteLine(passed ? "RESULT: PASS" : "RESULT: FAIL");

            Thread.Sleep(Timeout.Infinite);
        }

        private static bool Run(InstanceConfig[] configs, int[] txPins, int[] rxPins)
        {
            int sides = configs.Length;
            GpioController gpio = new GpioController();
            NativeSharedMemory[] memories = new NativeSharedMemory[sides];
            GpioMailbox[] mailboxes = new GpioMailbox[sides];
            IpcInstance[] instances = new IpcInstance[sides];
            EndpointStream[] streams = new EndpointStream[sides * s_endpointNames.Length];

            for (int side = 0; side < sides; side++)
            {
                try
                {
                    memories[side] = new NativeSharedMemory(configs[side]);
                }
                catch (Exception ex)
                {
                    // The window is refused when the board's regions are not in internal SRAM (ArgumentOutOfRange)
                    // or all native window slots are taken. (A firmware without the NfIcbmsg.Esp32 interop
                    // assembly, or with another checksum, never gets here: the nanoCLR refuses the application.)
                    Console.WriteLine("cannot open the shared window: " + ex.GetType().Name + " " + ex.Message);
                    return false;
                }

                mailboxes[side] = new GpioMailbox(txPins[side], rxPins[side], gpio, false);
                instances[side] = IpcService.Create(configs[side], memories[side], mailboxes[side], mailboxes[side]);
                instances[side].Error += OnInstanceError;

                for (int k = 0; k < s_endpointNames.Length; k++)
                {
                    // Side 0 sends the even stream ids, the peer (side 1 here, or the other core) the odd ones.
                    byte even = (byte)(2 * k);
                    byte odd = (byte)(2 * k + 1);
                    EndpointStream stream = new EndpointStream(
                        SideName(side) + "/" + s_endpointNames[k],
                        s_endpointNames[k],
                        side == 0 ? even : odd,
                        side == 0 ? odd : even,
                        MessagesPerStream,
                        MinSize,
                        MaxSize);
                    stream.Attach(instances[side].RegisterEndpoint(stream.CreateConfig()));
                    streams[side * s_endpointNames.Length + k] = stream;
                }
            }

            long start = Environment.TickCount64;
            for (int side = sides - 1; side >= 0; side--)
            {
                instances[side].Open();
            }

            Console.WriteLine("opened; waiting for " + streams.Length.ToString() + " endpoints to bind");
            bool bound = WaitUntilBound(instances, streams, start);
            bool complete = false;
            long exchangeStart = Environment.TickCount64;
            if (bound)
            {
                Console.WriteLine("bound after " + (exchangeStart - start).ToString() + " ms");
                complete = Exchange(instances, mailboxes, streams, exchangeStart);
            }

            // Let the last releases reach the peer before the receive threads stop (a Zephyr sender waits for
            // them forever): close only after a quiet moment.
            Thread.Sleep(200);
            long elapsed = Environment.TickCount64 - exchangeStart;
            for (int side = 0; side < sides; side++)
            {
                instances[side].Close();
            }

            PrintStatistics(instances, mailboxes, streams, elapsed);
            for (int side = 0; side < sides; side++)
            {
                mailboxes[side].Dispose();
                memories[side].Dispose();
            }

            gpio.Dispose();
            return bound && complete && s_instanceErrors == 0;
        }

        private static string SideName(int side)
        {
            return side == 0 ? "A" : "B";
        }

        private static bool WaitUntilBound(IpcInstance[] instances, EndpointStream[] streams, long start)
        {
            while (Environment.TickCount64 - start < BindTimeoutMs)
            {
                int bound = 0;
                for (int k = 0; k < streams.Length; k++)
                {
                    if (streams[k].IsBound)
                    {
                        bound++;
                    }
                }

                if (bound == streams.Length)
                {
                    return true;
                }

                Thread.Sleep(100);
            }

            Console.WriteLine("not bound within " + BindTimeoutMs.ToString() + " ms. Is the peer running, are the jumpers in place?");
            for (int side = 0; side < instances.Length; side++)
            {
                Console.WriteLine("  side " + SideName(side) + ": link " + (instances[side].IsBonded ? "bonded" : "not bonded"));
            }

            for (int k = 0; k < streams.Length; k++)
            {
                Console.WriteLine("  " + streams[k].Name + ": " + (streams[k].IsBound ? "bound" : "not bound"));
            }

            return false;
        }

        private static bool Exchange(IpcInstance[] instances, GpioMailbox[] mailboxes, EndpointStream[] streams, long start)
        {
            // One sender thread per endpoint and side: concurrent senders must not block each other while
            // blocks are free.
            Thread[] senders = new Thread[streams.Length];
            for (int k = 0; k < streams.Length; k++)
            {
                senders[k] = new Thread(streams[k].SendLoop);
                senders[k].Start();
            }

            long nextReport = start + ReportEveryMs;
            bool done = false;
            while (!done && Environment.TickCount64 - start < ExchangeTimeoutMs)
            {
                Thread.Sleep(100);
                done = true;
                for (int k = 0; k < streams.Length; k++)
                {
                    done &= streams[k].IsDone;
                }

                if (Environment.TickCount64 >= nextReport)
                {
                    nextReport += ReportEveryMs;
                    PrintProgress(mailboxes, streams, Environment.TickCount64 - start);
                }
            }

            for (int k = 0; k < streams.Length; k++)
            {
                streams[k].Stop();
            }

            for (int k = 0; k < senders.Length; k++)
            {
                senders[k].Join(1000);
            }

            bool complete = true;
            for (int k = 0; k < streams.Length; k++)
            {
                complete &= streams[k].IsComplete;
            }

            if (!done)
            {
                Console.WriteLine("exchange not finished within " + ExchangeTimeoutMs.ToString() + " ms");
            }

            return complete;
        }

        private static void PrintProgress(GpioMailbox[] mailboxes, EndpointStream[] streams, long elapsedMs)
        {
            string line = "[" + (elapsedMs / 1000).ToString() + " s]";
            for (int k = 0; k < streams.Length; k++)
            {
                line += " " + streams[k].Name + " " + streams[k].Sent.ToString() + "/" + streams[k].Verified.ToString();
            }

            for (int side = 0; side < mailboxes.Length; side++)
            {
                line += " | " + SideName(side) + " rings " + mailboxes[side].Raised.ToString() + " out, " + mailboxes[side].Received.ToString() + " in";
            }

            Console.WriteLine(line);
        }

        private static void PrintStatistics(IpcInstance[] instances, GpioMailbox[] mailboxes, EndpointStream[] streams, long elapsedMs)
        {
            Console.WriteLine("---- statistics ----");
            long bytes = 0;
            for (int k = 0; k < streams.Length; k++)
            {
                EndpointStream s = streams[k];
                bytes += s.BytesVerified;
                Console.WriteLine(s.Name + ": sent " + s.Sent.ToString() + " (stream " + s.Outgoing.ToString() + ", " + s.SendRetries.ToString() +
                    " retries), verified " + s.Verified.ToString() + " (stream " + s.Incoming.ToString() + "), failed " + s.Failed.ToString());
                if (s.LastError != null)
                {
                    Console.WriteLine("  last error: " + s.LastError);
                }
            }

            for (int side = 0; side < instances.Length; side++)
            {
                IpcStatistics stats = instances[side].Statistics;
                string name = "side " + SideName(side) + " ";
                Console.WriteLine(name + "messages: sent " + stats.MessagesSent.ToString() + ", received " + stats.MessagesReceived.ToString() +
                    "; bytes: sent " + stats.BytesSent.ToString() + ", received " + stats.BytesReceived.ToString() +
                    "; control messages: sent " + stats.ControlMessagesSent.ToString() + ", received " + stats.ControlMessagesReceived.ToString());
                Console.WriteLine(name + "doorbells: rung " + stats.DoorbellsRung.ToString() + " (pulses " + mailboxes[side].Raised.ToString() + "), received " +
                    stats.DoorbellsReceived.ToString() + " (pin events " + mailboxes[side].Received.ToString() + ")");
                Console.WriteLine(name + "allocation waits " + stats.AllocationWaits.ToString() + ", timeouts " + stats.AllocationTimeouts.ToString() +
                    "; rejected inputs " + stats.Rejected.ToString() + "; callback faults " + stats.CallbackFaults.ToString() +
                    "; internal faults " + stats.InternalFaults.ToString());
            }

            if (s_instanceErrors != 0)
            {
                Console.WriteLine("instance errors: " + s_instanceErrors.ToString() + ", last: " + s_lastInstanceError);
            }

            if (elapsedMs > 0)
            {
                Console.WriteLine("exchange: " + elapsedMs.ToString() + " ms, " + (bytes * 1000 / elapsedMs).ToString() + " verified bytes/s");
            }
        }

        private static void OnInstanceError(IpcInstance instance, RejectReason reason, string message)
        {
            // Runs on a receive thread: count and remember, print later (enum ToString gives the number on nF).
            s_instanceErrors++;
            s_lastInstanceError = instance.Config.Name + " reason " + ((int)reason).ToString() + ": " + message;
        }
    }
}
