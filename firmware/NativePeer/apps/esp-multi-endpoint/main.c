/* The native side of the MultiEndpoint sample on the core the nanoCLR does not use: sets up the platform and
 * the instance, binds, runs the streams, prints progress and the statistics in the sample's format. */
#include <stdio.h>

#include "esp_timer.h"
#include "multi_endpoint.h"
#include "nf_esp_board.h"
#include "nf_icbmsg_peer.h"

#define ENDPOINT_COUNT 3
#define BIND_TIMEOUT_MS 30000
#define EXCHANGE_TIMEOUT_MS 120000
#define REPORT_EVERY_MS 2000
#define POLL_MS 100
#define QUIET_BEFORE_CLOSE_MS 200
#define SIDE "B"

static const char *const s_endpoint_names[ENDPOINT_COUNT] = {"ep_a", "ep_b", "ep_c"};

static struct nf_ipc_instance s_instance;
static struct nf_esp_os s_os;
static struct nf_esp_doorbell s_doorbell;
static struct nf_esp_runner s_runner;
static struct endpoint_stream s_streams[ENDPOINT_COUNT];
static atomic_uint s_instance_errors;
static char s_first_instance_error[200];
static atomic_bool s_started;

static uint32_t now_ms(void)
{
    return (uint32_t)(esp_timer_get_time() / 1000);
}

static void sleep_ms(int32_t ms)
{
    vTaskDelay(nf_esp_ticks(ms));
}

/* Processing task: count, keep the first for the report (printing here would slow the link down). */
static void on_reject(struct nf_ipc_instance *instance, enum nf_reject_reason reason, const char *detail, void *priv)
{
    (void)priv;
    if (atomic_load(&s_instance_errors) == 0) {
        snprintf(s_first_instance_error, sizeof(s_first_instance_error), "%s reason %d (%s): %s", instance->config->name,
                 (int)reason, nf_reject_reason_name(reason), detail);
    }
    atomic_fetch_add(&s_instance_errors, 1);
}

static bool setup(void)
{
    const struct nf_ipc_config *config = &NF_ESP_BOARD_CONFIG;
    struct nf_shm shm;
    struct nf_os os;
    struct nf_mbox_tx mbox;
    const char *why = NULL;
    if (nf_esp_window_open(NF_ESP_BOARD_WINDOW_START, NF_ESP_BOARD_WINDOW_END, &shm, &why) != 0) {
        printf("cannot open the shared window 0x%08X..0x%08X: %s\n", (unsigned)NF_ESP_BOARD_WINDOW_START,
               (unsigned)NF_ESP_BOARD_WINDOW_END, why);
        return false;
    }
    nf_esp_os_init(&s_os, &os);
    esp_err_t err = nf_esp_doorbell_init(&s_doorbell, NF_ESP_BOARD_TX_PIN, NF_ESP_BOARD_RX_PIN, &mbox);
    if (err != ESP_OK) {
        printf("cannot drive the doorbell pin GPIO%d: %s\n", NF_ESP_BOARD_TX_PIN, esp_err_to_name(err));
        return false;
    }
    if (nf_ipc_init(&s_instance, config, &shm, &os, &mbox, &why) != 0) {
        printf("instance %s of %s: %s\n", config->name, NF_ESP_BOARD_NAME, why);
        return false;
    }
    if (nf_ipc_max_message(&s_instance) < STREAM_MAX_SIZE) {
        printf("instance %s carries at most %u bytes from this side; the streams need %u\n", config->name,
               (unsigned)nf_ipc_max_message(&s_instance), (unsigned)STREAM_MAX_SIZE);
        return false;
    }
    nf_ipc_set_reject_handler(&s_instance, on_reject, NULL);
    for (int k = 0; k < ENDPOINT_COUNT; k++) {
        /* The nanoFramework side sends the even stream ids, this side the odd ones. */
        struct endpoint_stream *s = &s_streams[k];
        stream_init(s, SIDE, s_endpoint_names[k], (uint8_t)(2 * k + 1), (uint8_t)(2 * k),
                    CONFIG_NF_ICBMSG_PEER_MESSAGES);
        s->endpoint = nf_ipc_register_endpoint(&s_instance, &s->config, &why);
        if (s->endpoint == NULL) {
            printf("endpoint %s: %s\n", s->endpoint_name, why);
            return false;
        }
    }
    err = nf_esp_doorbell_listen(&s_doorbell, &s_instance);
    if (err != ESP_OK) {
        printf("cannot listen on the doorbell pin GPIO%d: %s\n", NF_ESP_BOARD_RX_PIN, esp_err_to_name(err));
        return false;
    }
    err = nf_esp_runner_start(&s_runner, &s_instance, &s_os, NF_ESP_PEER_CORE, CONFIG_NF_ICBMSG_PEER_PRIORITY,
                              CONFIG_NF_ICBMSG_PEER_STACK_SIZE);
    if (err != ESP_OK) {
        printf("cannot start the processing task: %s\n", esp_err_to_name(err));
        nf_esp_doorbell_stop(&s_doorbell);
        return false;
    }
    return true;
}

static bool wait_until_bound(uint32_t start)
{
    while (now_ms() - start < BIND_TIMEOUT_MS) {
        int bound = 0;
        for (int k = 0; k < ENDPOINT_COUNT; k++) {
            bound += atomic_load(&s_streams[k].bound) ? 1 : 0;
        }
        if (bound == ENDPOINT_COUNT) {
            return true;
        }
        sleep_ms(POLL_MS);
    }
    printf("not bound within %d ms. Is the nanoFramework application running, are the jumpers in place?\n",
           BIND_TIMEOUT_MS);
    printf("  side " SIDE ": link %s\n", nf_ipc_is_bonded(&s_instance) ? "bonded" : "not bonded");
    for (int k = 0; k < ENDPOINT_COUNT; k++) {
        printf("  %s: %s\n", s_streams[k].name, atomic_load(&s_streams[k].bound) ? "bound" : "not bound");
    }
    return false;
}

static void print_progress(uint32_t elapsed_ms)
{
    printf("[%u s]", (unsigned)(elapsed_ms / 1000));
    for (int k = 0; k < ENDPOINT_COUNT; k++) {
        printf(" %s %u/%u", s_streams[k].name, (unsigned)atomic_load(&s_streams[k].sent),
               (unsigned)atomic_load(&s_streams[k].verified));
    }
    printf(" | " SIDE " rings %u out, %u in\n", (unsigned)atomic_load(&s_doorbell.pulses),
           (unsigned)atomic_load(&s_doorbell.edges));
}

static bool exchange(uint32_t start)
{
    bool started = true;
    for (int k = 0; k < ENDPOINT_COUNT; k++) {
        if (stream_start_sender(&s_streams[k], NF_ESP_PEER_CORE, CONFIG_NF_ICBMSG_PEER_SENDER_PRIORITY) != ESP_OK) {
            printf("cannot start the sender task of %s\n", s_streams[k].name);
            started = false;
        }
    }
    uint32_t next_report = start + REPORT_EVERY_MS;
    bool done = false;
    while (started && !done && now_ms() - start < EXCHANGE_TIMEOUT_MS) {
        sleep_ms(POLL_MS);
        done = true;
        for (int k = 0; k < ENDPOINT_COUNT; k++) {
            done = done && stream_is_done(&s_streams[k]);
        }
        if ((int32_t)(now_ms() - next_report) >= 0) {
            next_report += REPORT_EVERY_MS;
            print_progress(now_ms() - start);
        }
    }
    for (int k = 0; k < ENDPOINT_COUNT; k++) {
        atomic_store(&s_streams[k].stop, true);
    }
    /* A sender returns within one send wait; give them a second. */
    for (int waited = 0; waited < 1000; waited += POLL_MS) {
        bool running = false;
        for (int k = 0; k < ENDPOINT_COUNT; k++) {
            running = running || atomic_load(&s_streams[k].running);
        }
        if (!running) {
            break;
        }
        sleep_ms(POLL_MS);
    }
    if (started && !done) {
        printf("exchange not finished within %d ms\n", EXCHANGE_TIMEOUT_MS);
    }
    bool complete = started;
    for (int k = 0; k < ENDPOINT_COUNT; k++) {
        complete = complete && stream_is_complete(&s_streams[k]);
    }
    return complete;
}

static void print_statistics(uint32_t elapsed_ms)
{
    printf("---- statistics ----\n");
    unsigned long bytes = 0;
    for (int k = 0; k < ENDPOINT_COUNT; k++) {
        struct endpoint_stream *s = &s_streams[k];
        bytes += atomic_load(&s->bytes_verified);
        printf("%s: sent %u (stream %u, %u retries), verified %u (stream %u), failed %u\n", s->name,
               (unsigned)atomic_load(&s->sent), (unsigned)s->outgoing, (unsigned)atomic_load(&s->send_retries),
               (unsigned)atomic_load(&s->verified), (unsigned)s->incoming, (unsigned)atomic_load(&s->failed));
        if (atomic_load(&s->failed) > 0) {
            printf("  first error: %s\n", s->last_error);
        }
    }
    struct nf_statistics st;
    nf_ipc_get_statistics(&s_instance, &st);
    /* 32-bit casts: newlib's nano printf, which some images use, has no 64-bit conversions. */
    printf("side " SIDE " messages: sent %u, received %u; bytes: sent %lu, received %lu; control messages: sent %u, "
           "received %u\n",
           (unsigned)st.messages_sent, (unsigned)st.messages_received, (unsigned long)st.bytes_sent,
           (unsigned long)st.bytes_received, (unsigned)st.control_messages_sent, (unsigned)st.control_messages_received);
    printf("side " SIDE " doorbells: rung %u, saved %u (pulses %u), received %u (pin edges %u)\n",
           (unsigned)st.doorbells_rung, (unsigned)st.doorbells_saved, (unsigned)atomic_load(&s_doorbell.pulses),
           (unsigned)st.doorbells_received, (unsigned)atomic_load(&s_doorbell.edges));
    printf("side " SIDE " allocation waits %u, timeouts %u; rejected inputs %u; callback faults %u; internal faults %u\n",
           (unsigned)st.allocation_waits, (unsigned)st.allocation_timeouts, (unsigned)st.rejected,
           (unsigned)st.callback_faults, (unsigned)st.internal_faults);
    for (int r = 0; r < NF_REJECT_REASON_COUNT; r++) {
        if (st.rejected_for[r] > 0) {
            printf("  rejected %s: %u\n", nf_reject_reason_name((enum nf_reject_reason)r), (unsigned)st.rejected_for[r]);
        }
    }
    if (atomic_load(&s_instance_errors) > 0) {
        printf("instance errors: %u, first: %s\n", (unsigned)atomic_load(&s_instance_errors), s_first_instance_error);
    }
    if (elapsed_ms > 0) {
        printf("exchange: %u ms, %lu verified bytes/s\n", (unsigned)elapsed_ms, bytes * 1000ul / elapsed_ms);
    }
}

static bool run(void)
{
    const struct nf_ipc_config *config = &NF_ESP_BOARD_CONFIG;
    printf("nf-icbmsg multi_endpoint on %s, instance %s, native peer on core %d (the nanoCLR runs on core %d)\n",
           NF_ESP_BOARD_NAME, config->name, NF_ESP_PEER_CORE, NF_ESP_CLR_CORE);
    printf("  tx region 0x%08X (%u bytes, %u blocks), rx region 0x%08X (%u bytes, %u blocks)\n",
           (unsigned)config->tx_region_address, (unsigned)config->tx_region_size, (unsigned)config->tx_blocks,
           (unsigned)config->rx_region_address, (unsigned)config->rx_region_size, (unsigned)config->rx_blocks);
    printf("  doorbells: tx GPIO%d, rx GPIO%d\n", NF_ESP_BOARD_TX_PIN, NF_ESP_BOARD_RX_PIN);
    if (!setup()) {
        return false;
    }
    uint32_t start = now_ms();
    nf_ipc_open(&s_instance);
    printf("opened; waiting for %d endpoints to bind\n", ENDPOINT_COUNT);
    bool bound = wait_until_bound(start);
    bool complete = false;
    uint32_t exchange_start = now_ms();
    if (bound) {
        printf("bound after %u ms\n", (unsigned)(exchange_start - start));
        complete = exchange(exchange_start);
    }
    /* Let the last releases reach the peer before processing stops (a sender waits for them). */
    sleep_ms(QUIET_BEFORE_CLOSE_MS);
    uint32_t elapsed = now_ms() - exchange_start;
    nf_ipc_close(&s_instance);
    nf_esp_doorbell_stop(&s_doorbell);
    if (!nf_esp_runner_stop(&s_runner, 1000)) {
        printf("the processing task did not stop within 1000 ms\n");
    }
    print_statistics(elapsed);
    return bound && complete && atomic_load(&s_instance_errors) == 0;
}

static void peer_task(void *arg)
{
    (void)arg;
    bool passed = run();
    printf("RESULT: %s\n", passed ? "PASS" : "FAIL");
    vTaskDelete(NULL);
}

esp_err_t nf_icbmsg_peer_start(void)
{
    if (atomic_exchange(&s_started, true)) {
        return ESP_ERR_INVALID_STATE;
    }
    if (xTaskCreatePinnedToCore(peer_task, "nf-icbmsg-peer", CONFIG_NF_ICBMSG_PEER_STACK_SIZE, NULL,
                                CONFIG_NF_ICBMSG_PEER_SENDER_PRIORITY, NULL, NF_ESP_PEER_CORE) != pdPASS) {
        atomic_store(&s_started, false);
        return ESP_ERR_NO_MEM;
    }
    return ESP_OK;
}
