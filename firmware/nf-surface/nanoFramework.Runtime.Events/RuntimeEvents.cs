// API surface of package nanoFramework.Runtime.Events 1.11.39 (docs/nanoframework.md §2.2).

using System;

namespace nanoFramework.Runtime.Events
{
    // Values mirror EVENT_* of the native HAL.
    public enum EventCategory
    {
        Unknown = 0,
        Custom = 10,
        Gpio = 20,
        SerialDevice = 30,
        Network = 40,
        WiFi = 50,
        Can = 60,
        Storage = 70,
        Radio = 80,
        HighResolutionTimer = 90,
        Bluetooth = 100,
        Usb = 110,
        Touch = 120,
        Gesture = 130,
        OpenThread = 140,
        EspNow = 150,
    }

    public class BaseEvent
    {
        public ushort Source;
        public byte Message;
    }

    public class GenericEvent : BaseEvent
    {
        public byte Category;
        public uint Data;
        public DateTime Time;
    }

    public interface IEventProcessor
    {
        BaseEvent ProcessEvent(uint data1, uint data2, DateTime time);
    }

    public interface IEventListener
    {
        void InitializeForEventSource();
        bool OnEvent(BaseEvent ev);
    }

    public delegate void NativeEventHandler(uint data1, uint data2, DateTime time);

    // The hook for custom native interrupt drivers (docs/nanoframework.md §4).
    public class NativeEventDispatcher : IDisposable
    {
        public NativeEventDispatcher(string driverName, ulong driverData) { }
        public event NativeEventHandler OnInterrupt { add { } remove { } }
        public virtual void EnableInterrupt() { }
        public virtual void DisableInterrupt() { }
        public void Dispose() { }
    }

    public class EventSink : NativeEventDispatcher
    {
        private EventSink() : base(null, 0) { }
        public static void AddEventProcessor(EventCategory eventCategory, IEventProcessor eventProcessor) { }
        public static void RemoveEventProcessor(EventCategory eventCategory, IEventProcessor eventProcessor) { }
        public static void AddEventListener(EventCategory eventCategory, IEventListener eventListener) { }
        public static void RemoveEventListener(EventCategory eventCategory, IEventListener eventListener) { }
        public static void AddEventFilter(EventCategory eventCategory, IEventListener eventFilter) { }
        public static void RemoveEventFilter(EventCategory eventCategory, IEventListener eventFilter) { }
        public static void PostManagedEvent(byte category, byte subCategory, ushort data1, uint data2) { }
    }

    public class CustomEventArgs : EventArgs
    {
        // Constructed by the runtime only.
        internal CustomEventArgs() { }
        public ushort Data1 => throw null;
        public uint Data2 => throw null;
    }

    public delegate void CustomEventPostedEventHandler(object sender, CustomEventArgs e);

    // Raised for native PostManagedEvent(EVENT_CUSTOM = 10, sub, data1, data2).
    public static class CustomEvent
    {
        public static event CustomEventPostedEventHandler CustomEventPosted { add { } remove { } }
    }
}
