namespace NfIcbmsg
{
    /// <summary>An endpoint became bound or unbound. Runs on the instance's receive thread.</summary>
    public delegate void EndpointHandler(Endpoint endpoint);

    /// <summary>
    /// A message arrived. Runs on the instance's receive thread; <paramref name="buffer"/> reads the
    /// shared blocks directly and is released when the handler returns unless it calls
    /// <see cref="RxBuffer.Hold"/>. Never wait for free tx blocks here: releases arrive on this very
    /// thread, so waits are turned into no-wait attempts.
    /// </summary>
    public delegate void ReceivedHandler(Endpoint endpoint, RxBuffer buffer);

    /// <summary>Something went wrong for an endpoint (a callback threw, a release could not be sent).</summary>
    public delegate void EndpointErrorHandler(Endpoint endpoint, string message);

    /// <summary>An input from the peer was dropped; it has been counted in <see cref="IpcStatistics"/>.</summary>
    public delegate void InstanceErrorHandler(IpcInstance instance, RejectReason reason, string message);
}
