using System;

namespace NfIcbmsg
{
    /// <summary>
    /// An endpoint to register (Zephyr's ipc_ept_cfg): its name, which binds it to the peer's
    /// endpoint of the same name, and its callbacks. All callbacks run on the receive thread.
    /// Registering the same object again after deregistering re-binds it locally.
    /// </summary>
    public sealed class EndpointConfig
    {
        /// <summary>Creates a configuration for the endpoint <paramref name="name"/> (printable ASCII).</summary>
        public EndpointConfig(string name)
        {
            if (name == null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            if (name.Length == 0)
            {
                throw new ArgumentException("endpoint name is empty", nameof(name));
            }

            for (int i = 0; i < name.Length; i++)
            {
                if (name[i] < ' ' || name[i] > '~')
                {
                    throw new ArgumentException("endpoint name must be printable ASCII", nameof(name));
                }
            }

            Name = name;
        }

        /// <summary>The name both sides bind by.</summary>
        public string Name { get; }

        /// <summary>Called when the endpoint is bound and may send.</summary>
        public EndpointHandler Bound { get; set; }

        /// <summary>Called when the peer closed its session (ICMsg session modes).</summary>
        public EndpointHandler Unbound { get; set; }

        /// <summary>Called for every message.</summary>
        public ReceivedHandler Received { get; set; }

        /// <summary>Called when something went wrong for this endpoint.</summary>
        public EndpointErrorHandler Error { get; set; }
    }
}
