using System;
using System.Device.Gpio;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Platform.Esp32
{
    /// <summary>
    /// One mailbox channel pair over two GPIO lines (devicetree binding <c>nf,gpio-mbox</c>): the tx pin is an
    /// output this side pulses once per doorbell, the rx pin an input whose edges are the peer's doorbells.
    /// Wire this side's tx pin to the peer's rx pin and the other way round (a jumper per direction, common ground).
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Ringing (tx).</b> <see cref="Raise"/> drives the line high and straight back low: one short high pulse
    /// per doorbell, no sleep in between. The pulse is as wide as two managed <c>GpioPin.Write</c> calls take in
    /// the interpreter (tens of microseconds on a 240 MHz ESP32; an estimate, measure it with a scope). It is
    /// deliberately <i>not</i> stretched to the receiver's event latency (about one FreeRTOS tick, 10 ms, when the
    /// peer's CLR is idle and up to the 20 ms thread quantum when it is busy, docs/esp32.md section 7): the edge is
    /// latched by the receiver's GPIO interrupt hardware within nanoseconds, and what takes milliseconds is only
    /// the trip of the already latched event through the peer's event queue. A pulse that long would block the
    /// sending thread for a tick per message and cap the doorbell rate at about 100 per second for nothing.
    /// The pulse is long enough for any edge-triggered input (ESP32 GPIO, nRF GPIOTE, STM32 EXTI need nanoseconds),
    /// not for a peer that polls the line: such a peer must poll the ring indices instead.
    /// </para>
    /// <para>
    /// <b>Listening (rx).</b> A subscriber to <c>GpioPin.ValueChanged</c> arms the pin for both edges. The ISR
    /// samples the pin level and posts an event into the CLR's event queue; the event reaches managed code on the
    /// CLR's event-dispatch thread, serialized with every other event, with the latency above. The edge type
    /// the event reports is derived from the level the ISR sampled, so a short rising pulse may well be reported as
    /// <c>Falling</c>. This class therefore rings the <see cref="DoorbellHandler"/> for every reported change, not
    /// only for <c>Rising</c>: one pulse gives one or two rings, never none.
    /// </para>
    /// <para>
    /// <b>Coalesced and lost edges are harmless.</b> Two pulses that arrive before the ISR ran give one event, and
    /// the HAL queue drops its oldest event when full. Neither matters: the ICMsg/ICBMsg receiver drains everything
    /// pending on every ring, a spurious ring finds nothing to do, and the ring that counts (the one after the last
    /// packet) is never followed by another that could replace it. Debounce is switched off, because a debounced
    /// pin posts only when the level is still high after the debounce time, which a short pulse never is.
    /// </para>
    /// <para>The handler runs on the event-dispatch thread: it only wakes the instance's receive thread.</para>
    /// </remarks>
    public sealed class GpioMailbox : IMailboxTx, IMailboxRx, IDisposable
    {
        private readonly object _syncLock = new object();
        private readonly GpioController _controller;
        private readonly bool _shouldDispose;
        private readonly GpioPin _txPin;
        private readonly GpioPin _rxPin;
        private DoorbellHandler _handler;
        private bool _subscribed;
        private int _raised;
        private int _received;
        private bool _disposedValue;

        /// <summary>
        /// Opens <paramref name="txPin"/> as an output (driven low) and <paramref name="rxPin"/> as an input with a
        /// pull-down where the pin supports one, so that an unconnected line does not float into spurious rings.
        /// Take both pin numbers from the board configuration (the generated <c>NfIcbmsg.Boards</c> class).
        /// </summary>
        /// <param name="txPin">GPIO this side pulses to ring the peer.</param>
        /// <param name="rxPin">GPIO the peer pulses to ring this side.</param>
        /// <param name="controller">Controller to open the pins on; null creates one.</param>
        /// <param name="shouldDispose">True to dispose <paramref name="controller"/> with this object.</param>
        public GpioMailbox(int txPin, int rxPin, GpioController controller = null, bool shouldDispose = true)
        {
            if (txPin < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(txPin));
            }

            if (rxPin < 0 || rxPin == txPin)
            {
                throw new ArgumentOutOfRangeException(nameof(rxPin));
            }

            _shouldDispose = controller == null || shouldDispose;
            _controller = controller ?? new GpioController();

            _txPin = _controller.OpenPin(txPin, PinMode.Output);
            _txPin.Write(PinValue.Low);

            _rxPin = _controller.OpenPin(rxPin);
            _rxPin.SetPinMode(_rxPin.IsPinModeSupported(PinMode.InputPullDown) ? PinMode.InputPullDown : PinMode.Input);

            // A debounced pin re-reads the level after the timeout and posts only if it is still high: a
            // doorbell pulse has long ended by then, so debounce would swallow every ring.
            _rxPin.DebounceTimeout = TimeSpan.Zero;
        }

        /// <summary>GPIO number of the tx line.</summary>
        public int TxPin
        {
            get { return _txPin.PinNumber; }
        }

        /// <summary>GPIO number of the rx line.</summary>
        public int RxPin
        {
            get { return _rxPin.PinNumber; }
        }

        /// <summary>Pulses sent so far.</summary>
        public int Raised
        {
            get { return _raised; }
        }

        /// <summary>Pin events received so far (one pulse gives one or two; coalesced pulses give one).</summary>
        public int Received
        {
            get { return _received; }
        }

        /// <summary>Rings the peer once: one short high pulse on the tx line.</summary>
        public void Raise()
        {
            lock (_syncLock)
            {
                if (_disposedValue)
                {
                    throw new ObjectDisposedException(nameof(GpioMailbox));
                }

                // Under the lock, so that concurrent senders give distinct pulses rather than one long one.
                _txPin.Write(PinValue.High);
                _txPin.Write(PinValue.Low);
                _raised++;
            }
        }

        /// <summary>
        /// Starts calling <paramref name="handler"/> for every edge on the rx line. Edges before this are lost,
        /// as on any unwatched line; the protocol copes (the side that opens second rings the first).
        /// </summary>
        public void Listen(DoorbellHandler handler)
        {
            if (handler == null)
            {
                throw new ArgumentNullException(nameof(handler));
            }

            lock (_syncLock)
            {
                if (_disposedValue)
                {
                    throw new ObjectDisposedException(nameof(GpioMailbox));
                }

                _handler = handler;
                if (!_subscribed)
                {
                    // Subscribing arms the pin's interrupt (both edges) in the native driver.
                    _rxPin.ValueChanged += OnRxPinValueChanged;
                    _subscribed = true;
                }
            }
        }

        /// <summary>Stops delivering rings and disarms the rx interrupt. Safe to call when not listening.</summary>
        public void Stop()
        {
            lock (_syncLock)
            {
                _handler = null;
                Unsubscribe();
            }
        }

        /// <summary>Stops listening, drives the tx line low and closes both pins (and the controller if owned).</summary>
        public void Dispose()
        {
            lock (_syncLock)
            {
                if (_disposedValue)
                {
                    return;
                }

                _disposedValue = true;
                _handler = null;
                Unsubscribe();
                _txPin.Write(PinValue.Low);
                _txPin.Dispose();
                _rxPin.Dispose();
                if (_shouldDispose)
                {
                    _controller.Dispose();
                }
            }
        }

        private void Unsubscribe()
        {
            if (_subscribed)
            {
                _rxPin.ValueChanged -= OnRxPinValueChanged;
                _subscribed = false;
            }
        }

        private void OnRxPinValueChanged(object sender, PinValueChangedEventArgs e)
        {
            // Any reported change is a ring: the reported edge type comes from a level sampled after the fact.
            DoorbellHandler handler;
            lock (_syncLock)
            {
                handler = _handler;
                _received++;
            }

            if (handler != null)
            {
                handler();
            }
        }
    }
}
