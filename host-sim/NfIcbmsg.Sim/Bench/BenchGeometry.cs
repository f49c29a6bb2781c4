using System.Globalization;
using System.IO;
using NfIcbmsg.Icbmsg;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// The bench's instance: the sim board's 2 KiB regions carry at most ~1.6 KiB per message, so
    /// 4096-byte messages need larger regions. Two 64 KiB regions with 32 blocks each way give
    /// ~2 KiB blocks (a 4096-byte message takes 3) and room for every control message in flight.
    /// Both transports use it, so their figures compare.
    /// </summary>
    public static class BenchGeometry
    {
        public const uint RegionA = 0x20000000;
        public const uint RegionB = 0x20010000;
        public const int RegionSize = 0x10000;
        public const int Blocks = 32;
        public const int Endpoints = 4;

        /// <summary>Side A's view (the bench's own side): it writes the lower region, so side B is the initiator.</summary>
        public static InstanceConfig SideA()
        {
            return new InstanceConfig
            {
                Name = "bench",
                TxRegionAddress = RegionA,
                TxRegionSize = RegionSize,
                RxRegionAddress = RegionB,
                RxRegionSize = RegionSize,
                TxBlocks = Blocks,
                RxBlocks = Blocks,
                TxChannel = 0,
                RxChannel = 1,
                EndpointCount = Endpoints,
            };
        }

        public static string Describe()
        {
            RegionLayout layout = RegionLayout.Compute(RegionA, RegionSize, Blocks, Blocks, 0);
            return string.Create(CultureInfo.InvariantCulture, $"bench geometry: two {RegionSize / 1024} KiB regions (0x{RegionA:X8}, 0x{RegionB:X8}), {Blocks} blocks of {layout.BlockSize} bytes each way, max message {layout.MaxMessageSize} bytes, {Endpoints} endpoints (the sim board's 2 KiB regions cannot carry 4096-byte messages)");
        }

        /// <summary>Writes the board files of both sides (mirror images) into <paramref name="directory"/>; returns (side A, side B) paths.</summary>
        public static (string A, string B) WriteBoards(string directory, int portBase)
        {
            string a = Path.Combine(directory, "bench-a.overlay");
            string b = Path.Combine(directory, "bench-b.overlay");
            File.WriteAllText(a, Overlay(RegionA, RegionB, "\"tx\", \"rx\"", portBase));
            File.WriteAllText(b, Overlay(RegionB, RegionA, "\"rx\", \"tx\"", portBase));
            return (a, b);
        }

        private static string Overlay(uint tx, uint rx, string names, int portBase)
        {
            return string.Create(CultureInfo.InvariantCulture, $$"""
                /* nf-sim bench: one side of the bench geometry (written by the bench, deleted after it). */
                /dts-v1/;

                / {
                	mbox: mbox {
                		compatible = "nf,sim-mbox";
                		#mbox-cells = <1>;
                		port-base = <{{portBase}}>;
                	};

                	reserved-memory {
                		#address-cells = <1>;
                		#size-cells = <1>;
                		ranges;

                		bench_tx: memory@{{tx:X8}} {
                			reg = <0x{{tx:X8}} 0x{{RegionSize:X}}>;
                		};

                		bench_rx: memory@{{rx:X8}} {
                			reg = <0x{{rx:X8}} 0x{{RegionSize:X}}>;
                		};
                	};

                	ipc {
                		bench: bench {
                			compatible = "zephyr,ipc-icbmsg";
                			tx-region = <&bench_tx>;
                			rx-region = <&bench_rx>;
                			tx-blocks = <{{Blocks}}>;
                			rx-blocks = <{{Blocks}}>;
                			mboxes = <&mbox 0>, <&mbox 1>;
                			mbox-names = {{names}};
                			nf,endpoints = <{{Endpoints}}>;
                			status = "okay";
                		};
                	};
                };

                """);
        }
    }
}
