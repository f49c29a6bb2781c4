/* The GPIO doorbell of the nf,gpio-mbox binding: ringing is one high pulse on the tx pin, which a jumper
 * carries to the other core's rx pin; the rx pin interrupts on any edge and the ISR only wakes the instance. */
#include "driver/gpio.h"
#include "nf_esp_idf.h"

static void ring(void *ctx)
{
    struct nf_esp_doorbell *doorbell = ctx;
    /* The pin is a peripheral register write: finish the shared-memory writes before the edge leaves. */
    __sync_synchronize();
    gpio_set_level((gpio_num_t)doorbell->tx_pin, 1);
    gpio_set_level((gpio_num_t)doorbell->tx_pin, 0);
    atomic_fetch_add_explicit(&doorbell->pulses, 1, memory_order_relaxed);
}

/* Interrupt context: count, hand the ring to the instance (which counts and notifies its task), return. */
static void on_edge(void *arg)
{
    struct nf_esp_doorbell *doorbell = arg;
    atomic_fetch_add_explicit(&doorbell->edges, 1, memory_order_relaxed);
    nf_ipc_doorbell(doorbell->instance);
}

static esp_err_t configure(int pin, gpio_mode_t mode, gpio_pulldown_t pull_down, gpio_int_type_t interrupt)
{
    const gpio_config_t config = {
        .pin_bit_mask = 1ULL << pin,
        .mode = mode,
        .pull_up_en = GPIO_PULLUP_DISABLE,
        .pull_down_en = pull_down,
        .intr_type = interrupt,
    };
    return gpio_config(&config);
}

esp_err_t nf_esp_doorbell_init(struct nf_esp_doorbell *doorbell, int tx_pin, int rx_pin, struct nf_mbox_tx *out)
{
    doorbell->tx_pin = tx_pin;
    doorbell->rx_pin = rx_pin;
    doorbell->instance = NULL;
    doorbell->listening = false;
    atomic_init(&doorbell->pulses, 0);
    atomic_init(&doorbell->edges, 0);
    esp_err_t err = configure(tx_pin, GPIO_MODE_OUTPUT, GPIO_PULLDOWN_DISABLE, GPIO_INTR_DISABLE);
    if (err != ESP_OK) {
        return err;
    }
    err = gpio_set_level((gpio_num_t)tx_pin, 0);
    out->ring = ring;
    out->ctx = doorbell;
    return err;
}

esp_err_t nf_esp_doorbell_listen(struct nf_esp_doorbell *doorbell, struct nf_ipc_instance *instance)
{
    doorbell->instance = instance;
    /* Pulled down: an unconnected jumper reads a quiet low instead of floating into spurious rings. */
    esp_err_t err = configure(doorbell->rx_pin, GPIO_MODE_INPUT, GPIO_PULLDOWN_ENABLE, GPIO_INTR_ANYEDGE);
    if (err != ESP_OK) {
        return err;
    }
    /* One ISR service per image; the nanoCLR's GPIO driver may have installed it already (INVALID_STATE). */
    err = gpio_install_isr_service(0);
    if (err != ESP_OK && err != ESP_ERR_INVALID_STATE) {
        return err;
    }
    err = gpio_isr_handler_add((gpio_num_t)doorbell->rx_pin, on_edge, doorbell);
    doorbell->listening = err == ESP_OK;
    return err;
}

void nf_esp_doorbell_stop(struct nf_esp_doorbell *doorbell)
{
    if (doorbell->listening) {
        gpio_isr_handler_remove((gpio_num_t)doorbell->rx_pin);
        doorbell->listening = false;
    }
}
