using System;
using System.Threading;
using NfIcbmsg.Boards;
using NfIcbmsg.Platform.Esp32;

namespace NfIcbmsg.Samples.MultiEndpoint
{
    /// <summary>
    /// Zephyr's multi_endpoint sample on ESP32: one ICBMsg instance (ipc0 of the board file) over internal SRAM
    /// shared with the other core, the GPIO doorbell jumpers, three endpoints, a verified pattern stream in each
    /// direction of each endpoint, and the statistics on the console (docs/esp32.md).
    /// </summary>
    /// <remarks>
    /// The board is chosen at build time: define ESP32S3 for the ESP32-S3-DevKitC-1 (nanoCLR on core 0),
    /// otherwise the ESP32-DevKitC (nanoCLR on core 1). The peer on the other core runs the same traffic with
    /// the stream ids swapped (see <see cref="EndpointStream"/>).
    /// </remarks>
    public static class Program
    {
        private const int MessagesPerStream = 500;
        private const int MinSize = MessagePattern.HeaderSize;
        private const int MaxSize = 256;
        private const int BindTimeoutMs = 30000;
        private const int ExchangeTimeoutMs = 120000;
        private const int ReportEveryMs = 2000;

        private static readonly string[] s_endpointNames = new string[] { "ep_a", "ep_b", "ep_c" };

        // This side opens as "A" of the simulator's demo: it sends the even stream ids.
        private const bool IsSideA = true;

        private static int s_instanceErrors;
        private static string s_lastInstanceError;

        /// <summary>Entry point.</summary>
        public static void Main()
        {
#if ESP32S3
            const string board = "esp32s3_devkitc/procpu";
            InstanceConfig config = Esp32s3DevkitcProcpuIpc0Config.Create();
            int txPin = Esp32s3DevkitcProcpuIpc0Config.TxPin;
            int rxPin = Esp32s3DevkitcProcpuIpc0Config.RxPin;
#else
            const string board = "esp32_devkitc/appcpu";
            InstanceConfig config = Esp32DevkitcAppcpuIpc0Config.Create();
            int txPin = Esp32DevkitcAppcpuIpc0Config.TxPin;
            int rxPin = Esp32DevkitcAppcpuIpc0Config.RxPin;
#endif

            Console.WriteLine("nf-icbmsg multi_endpoint on " + board + ", instance " + config.Name);
            Console.WriteLine("  tx region 0x" + config.TxRegionAddress.ToString("X8") + " (" + config.TxRegionSize.ToString() + " bytes, " +
                config.TxBlocks.ToString() + " blocks), rx region 0x" + config.RxRegionAddress.ToString("X8") + " (" +
                config.RxRegionSize.ToString() + " bytes, " + config.RxBlocks.ToString() + " blocks)");
            Console.WriteLine("  doorbells: tx GPIO" + txPin.ToString() + ", rx GPIO" + rxPin.ToString());

            bool passed = Run(config, txPin, rxPin);
            Console.WriteLine(passed ? "RESULT: PASS" : "RESULT: FAIL");

            Thread.Sleep(Timeout.Infinite);
        }

        private static bool Run(InstanceConfig config, int txPin, int rxPin)
        {
            NativeSharedMemory memory;
            try
            {
                memory = new NativeSharedMemory(config);
            }
            catch (Exception ex)
            {
                // The window is refused when the board's regions are not in internal SRAM (ArgumentOutOfRange) or
                // all native window slots are taken. (A firmware without the NfIcbmsg.Esp32 interop assembly, or
                // with another checksum, never gets here: the nanoCLR refuses to load the application.)
                Console.WriteLine("cannot open the shared window: " + ex.GetType().Name + " " + ex.Message);
                return false;
            }

            GpioMailbox mailbox = new GpioMailbox(txPin, rxPin);
            IpcInstance instance = IpcService.Create(config, memory, mailbox, mailbox);
            instance.Error += OnInstanceError;

            EndpointStream[] streams = new EndpointStream[s_endpointNames.Length];
            for (int k = 0; k < streams.Length; k++)
            {
                byte even = (byte)(2 * k);
                byte odd = (byte)(2 * k + 1);
                streams[k] = new EndpointStream(
                    s_endpointNames[k],
                    IsSideA ? even : odd,
                    IsSideA ? odd : even,
                    MessagesPerStream,
                    MinSize,
                    MaxSize);
                streams[k].Attach(instance.RegisterEndpoint(streams[k].CreateConfig()));
            }

            long start = Environment.TickCount64;
            instance.Open();
            Console.WriteLine("opened; waiting for the peer to bind " + streams.Length.ToString() + " endpoints");

            bool bound = WaitUntilBound(instance, streams, start);
            bool complete = false;
            long exchangeStart = Environment.TickCount64;
            if (bound)
            {
                Console.WriteLine("bound after " + (exchangeStart - start).ToString() + " ms");
                complete = Exchange(instance, mailbox, streams, exchangeStart);
            }

            // Let the last releases reach the peer before the receive thread stops (a Zephyr sender waits for
            // them forever): close only after a quiet moment.
            Thread.Sleep(200);
            long elapsed = Environment.TickCount64 - exchangeStart;
            instance.Close();

            PrintStatistics(instance, mailbox, streams, elapsed);
            mailbox.Dispose();
            memory.Dispose();
            return bound && complete && s_instanceErrors == 0;
        }

        private static bool WaitUntilBound(IpcInstance instance, EndpointStream[] streams, long start)
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

            Console.WriteLine("not bound within " + BindTimeoutMs.ToString() + " ms (link bonded: " + (instance.IsBonded ? "yes" : "no") +
                "). Is the peer running, are the jumpers in place?");
            for (int k = 0; k < streams.Length; k++)
            {
                Console.WriteLine("  " + streams[k].Name + ": " + (streams[k].IsBound ? "bound" : "not bound"));
            }

            return false;
        }

        private static bool Exchange(IpcInstance instance, GpioMailbox mailbox, EndpointStream[] streams, long start)
        {
            // One sender thread per endpoint: concurrent senders must not block each other while blocks are free.
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
                    PrintProgress(instance, mailbox, streams, Environment.TickCount64 - start);
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

        private static void PrintProgress(IpcInstance instance, GpioMailbox mailbox, EndpointStream[] streams, long elapsedMs)
        {
            string line = "[" + (elapsedMs / 1000).ToString() + " s]";
            for (int k = 0; k < streams.Length; k++)
            {
                line += " " + streams[k].Name + " tx " + streams[k].Sent.ToString() + " rx " + streams[k].Verified.ToString();
            }

            line += " | rings out " + mailbox.Raised.ToString() + " in " + mailbox.Received.ToString() +
                " | tx blocks in use " + instance.Statistics.TxBlocksInUse.ToString();
            Console.WriteLine(line);
        }

        private static void PrintStatistics(IpcInstance instance, GpioMailbox mailbox, EndpointStream[] streams, long elapsedMs)
        {
            IpcStatistics stats = instance.Statistics;
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

            Console.WriteLine("messages: sent " + stats.MessagesSent.ToString() + ", received " + stats.MessagesReceived.ToString() +
                "; bytes: sent " + stats.BytesSent.ToString() + ", received " + stats.BytesReceived.ToString());
            Console.WriteLine("control messages: sent " + stats.ControlMessagesSent.ToString() + ", received " + stats.ControlMessagesReceived.ToString());
            Console.WriteLine("doorbells: rung " + stats.DoorbellsRung.ToString() + " (pulses " + mailbox.Raised.ToString() + "), received " +
                stats.DoorbellsReceived.ToString() + " (pin events " + mailbox.Received.ToString() + ")");
            Console.WriteLine("allocation waits " + stats.AllocationWaits.ToString() + ", timeouts " + stats.AllocationTimeouts.ToString() +
                "; rejected inputs " + stats.Rejected.ToString() + "; callback faults " + stats.CallbackFaults.ToString() +
                "; internal faults " + stats.InternalFaults.ToString());
            if (s_instanceErrors != 0)
            {
                Console.WriteLine("instance errors: " + s_instanceErrors.ToString() + ", last: " + s_lastInstanceError);
            }

            if (elapsedMs > 0)
            {
                Console.WriteLine("exchange: " + elapsedMs.ToString() + " ms, " + (bytes * 1000 / elapsedMs).ToString() + " verified bytes/s received");
            }
        }

        private static void OnInstanceError(IpcInstance instance, RejectReason reason, string message)
        {
            // Runs on the receive thread: count and remember, print later (enum ToString gives the number on nF).
            s_instanceErrors++;
            s_lastInstanceError = "reason " + ((int)reason).ToString() + ": " + message;
        }
    }
}
