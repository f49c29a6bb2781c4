using System.IO;
using System.Linq;
using NfIcbmsg.Devicetree.Boards;
using Xunit;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>
    /// An extra check that only runs where Zephyr's own sample overlays lie beside the clone
    /// (<c>../shared/dts-samples</c>, laid there by the project's CI): each must read unmodified and give exactly
    /// the instances of the fixture written in its style. On a user's machine it is reported as skipped, with
    /// the reason; the suite never depends on it.
    /// </summary>
    public class BesideRepositoryTests
    {
        [BesideRepositoryFact]
        public void Zephyrs_own_samples_if_beside_the_repository_give_the_same_instances_as_our_fixtures()
        {
            string? samples = TestSupport.ZephyrSamplesBesideRepository;
            Assert.NotNull(samples);
            (string Sample, string Fixture)[] pairs =
            {
                ("multi_endpoint__nrf5340dk_nrf5340_cpuapp_icbmsg.overlay", "nrf5340-app-icbmsg-two-instances.overlay"),
                ("multi_endpoint__remote__nrf5340dk_nrf5340_cpunet_icbmsg.overlay", "nrf5340-net-icbmsg-two-instances.overlay"),
                ("ipc_sessions__nrf5340dk_nrf5340_cpuapp.overlay", "nrf5340-app-icmsg-sessions.overlay"),
                ("ipc_sessions__remote__nrf5340dk_nrf5340_cpunet.overlay", "nrf5340-net-icmsg-sessions.overlay"),
            };
            foreach ((string sample, string fixture) in pairs)
            {
                string path = Path.Combine(samples, sample);
                Assert.True(File.Exists(path), "expected beside the repository: " + path);
                BoardFile zephyr = BoardLoader.Load(path);
                Assert.True(zephyr.Tree != null && !zephyr.HasErrors, sample + ":\n" + string.Join("\n", zephyr.Diagnostics));
                BoardFile ours = BoardLoader.Load(TestSupport.ZephyrFixture(fixture));
                Assert.Equal(ours.EnabledInstances.Select(Describe), zephyr.EnabledInstances.Select(Describe));
                Assert.Equal(ours.Diagnostics.Select(d => d.Severity + " " + d.Message), zephyr.Diagnostics.Select(d => d.Severity + " " + d.Message));
            }
        }

        private static string Describe(BoardInstance i)
        {
            return i.Path + " " + i.Compatible + " " + i.TxRegion!.Range + " " + i.RxRegion!.Range + " " + i.TxBlocks + "/" + i.RxBlocks
                + " ch " + i.TxChannel + "/" + i.RxChannel + " " + i.Mailbox!.Name + " D" + i.DcacheAlignment + " " + i.Unbound + " " + i.IsComplete;
        }
    }

    /// <summary>A fact that is skipped, with the reason, when Zephyr's samples are not beside the repository.</summary>
    public sealed class BesideRepositoryFactAttribute : FactAttribute
    {
        public BesideRepositoryFactAttribute()
        {
            BoardCatalog? catalog = BoardCatalog.Locate(System.AppContext.BaseDirectory);
            string? samples = catalog == null ? null : TestSupport.ZephyrSamplesPathBeside(catalog.RepositoryRoot);
            if (samples == null || !Directory.Exists(samples))
            {
                Skip = "Zephyr's sample overlays are not beside the repository (" + (samples ?? "../shared/dts-samples") + "): optional comparison skipped";
            }
        }
    }
}
