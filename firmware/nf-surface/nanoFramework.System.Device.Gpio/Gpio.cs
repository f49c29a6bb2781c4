// API surface of package nanoFramework.System.Device.Gpio 1.1.62 (docs/nanoframework.md §2.4).
// No GpioController.WaitForEvent. PinMode's numeric values differ from desktop .NET IoT: never cast or
// persist them; the values below are only declaration order.

using System;
using nanoFramework.Runtime.Events;

namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    [Flags]
    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2,
    }

    public enum PinNumberingScheme
    {
        Logical,
        Board,
    }

    public readonly struct PinValue
    {
        public static PinValue High => throw null;
        public static PinValue Low => throw null;
        public static implicit operator PinValue(int value) => throw null;
        public static implicit operator PinValue(bool value) => throw null;
        public static explicit operator byte(PinValue value) => throw null;
        public static explicit operator int(PinValue value) => throw null;
        public static explicit operator bool(PinValue value) => throw null;
        public static bool operator ==(PinValue a, PinValue b) => throw null;
        public static bool operator !=(PinValue a, PinValue b) => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
        public override string ToString() => throw null;
    }

    public readonly struct PinValuePair
    {
        public PinValuePair(int pinNumber, PinValue pinValue) { }
        public int PinNumber => throw null;
        public PinValue PinValue => throw null;
        public void Deconstruct(out int pinNumber, out PinValue pinValue) => throw null;
    }

    public struct WaitForEventResult
    {
        public PinEventTypes EventTypes;
        public bool TimedOut;
    }

    // nanoFramework derives it from BaseEvent; desktop from EventArgs.
    public class PinValueChangedEventArgs : BaseEvent
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { }
        public PinEventTypes ChangeType => throw null;
        public int PinNumber => throw null;
    }

    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public sealed class GpioPin : IDisposable
    {
        private GpioPin() { }
        public int PinNumber => throw null;

        // nanoFramework only: wrap uses in #if NANOFRAMEWORK_1_0.
        public TimeSpan DebounceTimeout { get => throw null; set { } }

        public event PinValueChangedEventHandler ValueChanged { add { } remove { } }
        public PinMode GetPinMode() => throw null;
        public bool IsPinModeSupported(PinMode pinMode) => throw null;
        public void SetPinMode(PinMode value) { }
        public PinValue Read() => throw null;
        public void Write(PinValue value) { }
        public void Toggle() { }
        public void Dispose() { }
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() { }
        public GpioController(PinNumberingScheme numberingScheme) { }
        public PinNumberingScheme NumberingScheme => throw null;
        public int PinCount => throw null;
        public GpioPin OpenPin(int pinNumber) => throw null;
        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw null;
        public void ClosePin(int pinNumber) { }
        public bool IsPinOpen(int pinNumber) => throw null;
        public PinMode GetPinMode(int pinNumber) => throw null;
        public void SetPinMode(int pinNumber, PinMode mode) { }
        public bool IsPinModeSupported(int pinNumber, PinMode mode) => throw null;
        public PinValue Read(int pinNumber) => throw null;
        public void Write(int pinNumber, PinValue value) { }
        public void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) { }
        public void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) { }
        public void Dispose() { }
    }
}
