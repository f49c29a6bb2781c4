// API surface of package nanoFramework.Hardware.Esp32 1.6.40 (docs/nanoframework.md §2.3).
// Enum members the reference names without values are declared in order only: never rely on their numbers.
// Logging is internal upstream, so it is not declared. The touch-pad API is not declared (not needed yet).

using System;

namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        SPI1_MOSI,
        SPI1_MISO,
        SPI1_CLOCK,
        SPI2_MOSI,
        SPI2_MISO,
        SPI2_CLOCK,
        I2C1_DATA,
        I2C1_CLOCK,
        I2C2_DATA,
        I2C2_CLOCK,
        COM1_TX,
        COM1_RX,
        COM1_RTS,
        COM1_CTS,
        COM2_TX,
        COM2_RX,
        COM2_RTS,
        COM2_CTS,
        COM3_TX,
        COM3_RX,
        COM3_RTS,
        COM3_CTS,
        COM4_TX,
        COM4_RX,
        COM4_RTS,
        COM4_CTS,
        PWM1,
        PWM2,
        PWM3,
        PWM4,
        PWM5,
        PWM6,
        PWM7,
        PWM8,
        PWM9,
        PWM10,
        PWM11,
        PWM12,
        PWM13,
        PWM14,
        PWM15,
        PWM16,
        ADC1_CH0,
        ADC1_CH1,
        ADC1_CH2,
        ADC1_CH3,
        ADC1_CH4,
        ADC1_CH5,
        ADC1_CH6,
        ADC1_CH7,
        ADC1_CH8,
        ADC1_CH9,
        ADC1_CH10,
        ADC1_CH11,
        ADC1_CH12,
        ADC1_CH13,
        ADC1_CH14,
        ADC1_CH15,
        ADC1_CH16,
        ADC1_CH17,
        ADC1_CH18,
        ADC1_CH19,
        I2S1_MCK,
        I2S1_BCK,
        I2S1_WS,
        I2S1_DATA_OUT,
        I2S1_MDATA_IN,
        I2S2_MCK,
        I2S2_BCK,
        I2S2_WS,
        I2S2_DATA_OUT,
        I2S2_MDATA_IN,
        SDMMC1_CLOCK,
        SDMMC1_COMMAND,
        SDMMC1_D0,
        SDMMC1_D1,
        SDMMC1_D2,
        SDMMC1_D3,
        SDMMC2_CLOCK,
        SDMMC2_COMMAND,
        SDMMC2_D0,
        SDMMC2_D1,
        SDMMC2_D2,
        SDMMC2_D3,
    }

    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { }

        // Returns -1 when the function is not assigned to a pin.
        public static int GetFunctionPin(DeviceFunction function) => throw null;
    }

    public static class Gpio
    {
        public const int IO00 = 0;
        public const int IO01 = 1;
        public const int IO02 = 2;
        public const int IO03 = 3;
        public const int IO04 = 4;
        public const int IO05 = 5;
        public const int IO06 = 6;
        public const int IO07 = 7;
        public const int IO08 = 8;
        public const int IO09 = 9;
        public const int IO10 = 10;
        public const int IO11 = 11;
        public const int IO12 = 12;
        public const int IO13 = 13;
        public const int IO14 = 14;
        public const int IO15 = 15;
        public const int IO16 = 16;
        public const int IO17 = 17;
        public const int IO18 = 18;
        public const int IO19 = 19;
        public const int IO20 = 20;
        public const int IO21 = 21;
        public const int IO22 = 22;
        public const int IO23 = 23;
        public const int IO24 = 24;
        public const int IO25 = 25;
        public const int IO26 = 26;
        public const int IO27 = 27;
        public const int IO28 = 28;
        public const int IO29 = 29;
        public const int IO30 = 30;
        public const int IO31 = 31;
        public const int IO32 = 32;
        public const int IO33 = 33;
        public const int IO34 = 34;
        public const int IO35 = 35;
        public const int IO36 = 36;
        public const int IO37 = 37;
        public const int IO38 = 38;
        public const int IO39 = 39;
    }

    public enum EspNativeError
    {
        OK = 0,
        FAIL = -1,
        NO_MEM = 0x101,
    }

    [Flags]
    public enum WakeupGpioPin : ulong
    {
        None = 0,
    }

    public enum WakeupMode
    {
        AllLow,
        AnyHigh,
    }

    public enum WakeupCause
    {
    }

    public enum WakeUpPort
    {
        COM1,
        COM2,
    }

    public class Sleep
    {
        public static EspNativeError EnableWakeupByTimer(TimeSpan time) => throw null;
        public static EspNativeError EnableWakeupByPin(WakeupGpioPin pin, int level) => throw null;
        public static EspNativeError EnableWakeupByMultiPins(WakeupGpioPin pins, WakeupMode mode) => throw null;
        public static EspNativeError EnableWakeupByTouchPad(int pad1, int pad2 = -1, byte thresholdCoefficient = 80) => throw null;
        public static EspNativeError EnableWakeupByUart(WakeUpPort uart, int edgeCount) => throw null;
        public static EspNativeError StartLightSleep() => throw null;
        public static void StartDeepSleep() { }
        public static WakeupCause GetWakeupCause() => throw null;
        public static WakeupGpioPin GetWakeupGpioPin() => throw null;
        public static int GetWakeupTouchpad() => throw null;
    }

    public delegate void HighResTimerExpiredEventHandler(HighResTimer sender, object e);

    // At most 10 timers; expiry is delivered through EventSink category 90.
    public class HighResTimer : IDisposable
    {
        public HighResTimer() { }

        // Microseconds since boot, monotonic.
        public static ulong GetCurrent() => throw null;

        public event HighResTimerExpiredEventHandler OnHighResTimerExpired { add { } remove { } }
        public void StartOneShot(ulong timeout_us) { }
        public void StartOnePeriodic(ulong period_us) { }
        public void Stop() { }
        public void Dispose() { }
    }

    // Heap statistics only: it cannot allocate, read or write native memory.
    public class NativeMemory
    {
        public enum MemoryType
        {
            All,
            Internal,
            SpiRam,
        }

        public static void GetMemoryInfo(MemoryType memoryType, out uint totalSize, out uint totalFreeSize, out uint largestFreeBlock) => throw null;
    }
}

namespace System.Device.Gpio
{
    // ESP32 pulse counter (PCNT). Read/Polarity/FilterPulses (and whether it is IDisposable) are not declared:
    // the reference does not give their types.
    public class GpioPulseCounter
    {
        public GpioPulseCounter(int pinNumberA, int pinNumberB = -1) { }
        public void Start() { }
        public void Stop() { }
        public void Reset() { }
    }
}
