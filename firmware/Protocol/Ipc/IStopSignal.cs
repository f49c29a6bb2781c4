namespace NfIcbmsg
{
    /// <summary>Lets a long drain loop notice that its instance is closing.</summary>
    public interface IStopSignal
    {
        /// <summary>True once the owner is shutting down.</summary>
        bool IsStopping { get; }
    }
}
